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
 * with its own configuration file ({@code @ServiceConfigName}) and local mode's settings as
 * command-line arguments. Stopping it closes the application
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

    /**
     * The ingest API (SPEC 3) on {@code port} (0 picks a free one), creating the catalog topics. Like
     * every service here it is given the SPEC 9 variables, which its own {@code ingest-api.yml} maps,
     * as docker-compose and Terraform give them; only local mode's own choices are properties.
     */
    public static SpringService ingest(ServiceWiring wiring, int port) {
        return new SpringService("ingest API", IngestApplication.class, List.of(
                "--KAFKA_BOOTSTRAP_SERVERS=" + wiring.kafkaBootstrapServers(),
                "--NOWPAYMENTS_IPN_SECRET=" + wiring.ipnSecret(),
                "--USAGE_JWKS_URL=" + wiring.usageJwksUrl(),
                "--USAGE_JWT_ISSUER=" + wiring.usageJwtIssuer(),
                "--USAGE_JWT_AUDIENCE=" + wiring.usageJwtAudience(),
                // The stuck-payment recovery reads the ledger when NOWPAYMENTS_API_KEY is set (ADR 0016).
                "--DATABASE_URL=" + wiring.databaseUrl(),
                "--DATABASE_USER=" + wiring.databaseUser(),
                "--DATABASE_PASSWORD=" + wiring.databasePassword(),
                "--INGEST_PORT=" + port,
                "--ledgerstream.ingest.create-topics=true"));
    }

    /** The stream processors (SPEC 5) on {@code port}, their state stores under {@code stateDirectory}. */
    public static SpringService streams(ServiceWiring wiring, int port, Path stateDirectory, String lotTtlDays) {
        return new SpringService("stream processors", StreamsApplication.class, List.of(
                "--KAFKA_BOOTSTRAP_SERVERS=" + wiring.kafkaBootstrapServers(),
                "--LOT_TTL_DAYS=" + lotTtlDays,
                "--STREAM_PORT=" + port,
                "--ledgerstream.stream.state-dir=" + stateDirectory,
                "--ledgerstream.stream.create-topics=true"));
    }

    /** The ledger sink (SPEC 6) on {@code port}: migrates the database, then writes the ledger topics to it. */
    public static SpringService sink(ServiceWiring wiring, int port) {
        return new SpringService("ledger sink", LedgerSinkApplication.class, List.of(
                "--KAFKA_BOOTSTRAP_SERVERS=" + wiring.kafkaBootstrapServers(),
                "--DATABASE_URL=" + wiring.databaseUrl(),
                "--DATABASE_USER=" + wiring.databaseUser(),
                "--DATABASE_PASSWORD=" + wiring.databasePassword(),
                "--SINK_PORT=" + port));
    }

    /** The admin API and dashboard (SPEC 7) on {@code port}. */
    public static SpringService admin(ServiceWiring wiring, int port) {
        return new SpringService("admin API", AdminApplication.class, List.of(
                "--ADMIN_JWKS_URL=" + wiring.adminJwksUrl(),
                "--ADMIN_JWT_ISSUER=" + wiring.adminJwtIssuer(),
                "--ADMIN_JWT_AUDIENCE=" + wiring.adminJwtAudience(),
                "--KAFKA_BOOTSTRAP_SERVERS=" + wiring.kafkaBootstrapServers(),
                "--DATABASE_URL=" + wiring.databaseUrl(),
                "--DATABASE_USER=" + wiring.databaseUser(),
                "--DATABASE_PASSWORD=" + wiring.databasePassword(),
                "--ADMIN_PORT=" + port));
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
     * The settings as command-line arguments: these outrank the environment, so the values local
     * mode resolved (its own or the SPEC 9 variables) are the ones the service's own configuration
     * file maps, whatever else is set.
     */
    private String[] arguments() {
        List<String> all = new ArrayList<>(arguments);
        // Logging outlives each service: the other services still log while this one stops.
        all.add("--logging.register-shutdown-hook=false");
        return all.toArray(String[]::new);
    }
}
