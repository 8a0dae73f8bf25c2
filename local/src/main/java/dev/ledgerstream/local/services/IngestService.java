package dev.ledgerstream.local.services;

import dev.ledgerstream.ingest.IngestApplication;
import dev.ledgerstream.local.Component;
import java.net.URI;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The ingest API (SPEC 3) running in this process: the production application with local mode's
 * wiring, creating the catalog topics at start-up. Stopping it closes the application context,
 * which stops the web server gracefully (in-flight requests finish) and then flushes and closes
 * the producer, so every acknowledged record is on the broker before the broker stops.
 */
public final class IngestService implements Component {

    private final ServiceWiring wiring;
    private final int port;
    private ConfigurableApplicationContext context;

    /** The ingest API on {@code port} (0 picks a free one). */
    public IngestService(ServiceWiring wiring, int port) {
        this.wiring = wiring;
        this.port = port;
    }

    @Override
    public String name() {
        return "ingest API";
    }

    @Override
    public synchronized void start() {
        if (context != null) {
            return;
        }
        try {
            context = new SpringApplicationBuilder(IngestApplication.class)
                    // Start-up lines name the application, not the launcher that happens to call it.
                    .main(IngestApplication.class)
                    // Local mode's one shutdown hook stops every service before the broker; a hook of
                    // the application's own would race it and could close the producer after the broker.
                    .registerShutdownHook(false)
                    .run(arguments());
        } catch (RuntimeException e) {
            // Spring Boot has logged the failure in full (or its failure analysis); the caller needs one line.
            throw new IllegalStateException("The ingest API did not start (details above)", e);
        }
    }

    @Override
    public synchronized void stop() {
        if (context != null) {
            context.close();
            context = null;
        }
    }

    /** {@code http://localhost:<port>}, with the port the web server actually listens on. */
    public synchronized URI url() {
        if (context == null) {
            throw new IllegalStateException("The ingest API is not running");
        }
        return URI.create("http://localhost:" + context.getEnvironment().getProperty("local.server.port"));
    }

    /**
     * The settings as command-line arguments: these outrank {@code application.yml} and the
     * environment, so the values local mode resolved (its own or the SPEC 9 variables) are the
     * ones the application binds, whatever else is set.
     */
    private String[] arguments() {
        return new String[] {
            "--ledgerstream.ingest.kafka-bootstrap-servers=" + wiring.kafkaBootstrapServers(),
            "--ledgerstream.ingest.ipn-secret=" + wiring.ipnSecret(),
            "--ledgerstream.ingest.usage-jwks-url=" + wiring.usageJwksUrl(),
            "--ledgerstream.ingest.usage-jwt-issuer=" + wiring.usageJwtIssuer(),
            "--ledgerstream.ingest.usage-jwt-audience=" + wiring.usageJwtAudience(),
            "--ledgerstream.ingest.create-topics=true",
            "--server.port=" + port,
            // Logging outlives each service: the other services still log while this one stops.
            "--logging.register-shutdown-hook=false",
        };
    }
}
