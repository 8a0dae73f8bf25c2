package dev.ledgerstream.local.services;

import dev.ledgerstream.admin.AdminApplication;
import dev.ledgerstream.ingest.IngestApplication;
import dev.ledgerstream.sink.LedgerSinkApplication;
import dev.ledgerstream.stream.StreamsApplication;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import dev.ledgerstream.local.Component;
import java.net.URI;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One of the pipeline's Spring Boot services running in this process: the production application
 * with local mode's settings as command-line arguments. Stopping it closes the application
 * context, which shuts the service down the way SIGTERM would in production (the ingest API
 * finishes in-flight requests and flushes its producer; the stream processors close Kafka Streams),
 * so everything a service acknowledged is on the broker before the broker stops.
 */
public final class SpringService implements Component {

    private final String name;
    private final Class<?> application;
    private final List<String> arguments;
    private ConfigurableApplicationContext context;

    SpringService(String name, Class<?> application, List<String> arguments) {
        this.name = name;
        this.application = application;
        this.arguments = List.copyOf(arguments);
    }

    /** The ingest API (SPEC 3) on {@code port} (0 picks a free one), creating the catalog topics. */
    public static SpringService ingest(ServiceWiring wiring, int port) {
        return new SpringService("ingest API", IngestApplication.class, List.of(
                "--ledgerstream.ingest.kafka-bootstrap-servers=" + wiring.kafkaBootstrapServers(),
                "--ledgerstream.ingest.ipn-secret=" + wiring.ipnSecret(),
                "--ledgerstream.ingest.usage-jwks-url=" + wiring.usageJwksUrl(),
                "--ledgerstream.ingest.usage-jwt-issuer=" + wiring.usageJwtIssuer(),
                "--ledgerstream.ingest.usage-jwt-audience=" + wiring.usageJwtAudience(),
                "--ledgerstream.ingest.create-topics=true",
                // The stuck-payment recovery reads the ledger when NOWPAYMENTS_API_KEY is set (ADR 0016).
                "--ledgerstream.ingest.database-url=" + wiring.databaseUrl(),
                "--ledgerstream.ingest.database-user=" + wiring.databaseUser(),
                "--ledgerstream.ingest.database-password=" + wiring.databasePassword(),
                "--server.port=" + port));
    }

    /** The stream processors (SPEC 5) on {@code port}, their state stores under {@code stateDirectory}. */
    public static SpringService streams(ServiceWiring wiring, int port, Path stateDirectory, String lotTtlDays) {
        return new SpringService("stream processors", StreamsApplication.class, List.of(
                "--ledgerstream.stream.kafka-bootstrap-servers=" + wiring.kafkaBootstrapServers(),
                "--ledgerstream.stream.state-dir=" + stateDirectory,
                "--ledgerstream.stream.lot-ttl-days=" + lotTtlDays,
                "--ledgerstream.stream.create-topics=true",
                "--server.port=" + port,
                // In one JVM every service finds the first application.yml on the classpath (the
                // ingest API's), so the actuator layout of this service is given here too.
                "--management.endpoints.web.base-path=/",
                "--management.endpoints.web.exposure.include=health,prometheus",
                "--management.endpoints.web.path-mapping.prometheus=metrics",
                "--management.endpoint.health.show-components=always",
                "--management.endpoint.health.show-details=always",
                "--management.endpoint.health.group.ready.include=streams"));
    }

    /** The ledger sink (SPEC 6) on {@code port}: migrates the database, then writes the ledger topics to it. */
    public static SpringService sink(ServiceWiring wiring, int port) {
        return new SpringService("ledger sink", LedgerSinkApplication.class, List.of(
                "--ledgerstream.sink.kafka-bootstrap-servers=" + wiring.kafkaBootstrapServers(),
                "--ledgerstream.sink.database-url=" + wiring.databaseUrl(),
                "--ledgerstream.sink.database-user=" + wiring.databaseUser(),
                "--ledgerstream.sink.database-password=" + wiring.databasePassword(),
                "--server.port=" + port,
                // As for the stream processors: this service's actuator layout, whichever application.yml was found.
                "--management.endpoints.web.base-path=/",
                "--management.endpoints.web.exposure.include=health,prometheus",
                "--management.endpoints.web.path-mapping.prometheus=metrics",
                "--management.endpoint.health.show-components=always",
                "--management.endpoint.health.show-details=always",
                "--management.endpoint.health.group.ready.include=postgres,kafka,sink",
                "--management.endpoint.health.group.live.include=sink"));
    }

    /** The admin API and dashboard (SPEC 7) on {@code port}. */
    public static SpringService admin(ServiceWiring wiring, int port) {
        return new SpringService("admin API", AdminApplication.class, List.of(
                "--ledgerstream.admin.jwks-url=" + wiring.adminJwksUrl(),
                "--ledgerstream.admin.jwt-issuer=" + wiring.adminJwtIssuer(),
                "--ledgerstream.admin.jwt-audience=" + wiring.adminJwtAudience(),
                "--ledgerstream.admin.kafka-bootstrap-servers=" + wiring.kafkaBootstrapServers(),
                "--ledgerstream.admin.database-url=" + wiring.databaseUrl(),
                "--ledgerstream.admin.database-user=" + wiring.databaseUser(),
                "--ledgerstream.admin.database-password=" + wiring.databasePassword(),
                "--server.port=" + port));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public synchronized void start() {
        if (context != null) {
            return;
        }
        try {
            context = new SpringApplicationBuilder(application)
                    // Start-up lines name the application, not the launcher that happens to call it.
                    .main(application)
                    // Local mode's one shutdown hook stops every service before the broker; a hook of
                    // the application's own would race it and could close the producer after the broker.
                    .registerShutdownHook(false)
                    .run(arguments());
        } catch (RuntimeException e) {
            // Spring Boot has logged the failure in full (or its failure analysis); the caller needs one line.
            throw new IllegalStateException("The " + name + " did not start (details above)", e);
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
            throw new IllegalStateException("The " + name + " is not running");
        }
        return URI.create("http://localhost:" + context.getEnvironment().getProperty("local.server.port"));
    }

    /**
     * The settings as command-line arguments: these outrank {@code application.yml} and the
     * environment, so the values local mode resolved (its own or the SPEC 9 variables) are the
     * ones the application binds, whatever else is set.
     */
    private String[] arguments() {
        List<String> all = new ArrayList<>(arguments);
        // Logging outlives each service: the other services still log while this one stops.
        all.add("--logging.register-shutdown-hook=false");
        return all.toArray(String[]::new);
    }
}
