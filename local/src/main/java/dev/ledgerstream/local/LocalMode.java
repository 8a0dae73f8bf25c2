package dev.ledgerstream.local;

import dev.ledgerstream.servicekit.kafka.KafkaClientSecurity;
import dev.ledgerstream.embedded.EmbeddedPostgresServer;
import dev.ledgerstream.local.devauth.DevCredentials;
import dev.ledgerstream.local.devauth.DevJwksServer;
import dev.ledgerstream.local.devauth.DevTokens;
import dev.ledgerstream.local.actions.ActionCommand;
import dev.ledgerstream.local.check.GoNoGo;
import dev.ledgerstream.reconcile.Quiescence;
import dev.ledgerstream.local.demo.Demo;
import dev.ledgerstream.local.servers.EmbeddedKafka;
import dev.ledgerstream.local.servers.EmbeddedPostgres;
import dev.ledgerstream.local.services.SpringService;
import dev.ledgerstream.local.services.ServiceWiring;
import dev.ledgerstream.reconcile.ReconcileTool;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole pipeline in one process (SPEC 2): first the servers (Kafka, the development JWKS;
 * later PostgreSQL), then the services on them (the ingest API, the stream processors), each stopped in reverse
 * order. The main class behind {@code ./ledgerstream local} and {@code ./ledgerstream token}.
 *
 * <p>A new service is one {@link Component} in {@code services} and one line in
 * {@link #services}; a new server is one line in {@link #start()} before the services.
 */
public final class LocalMode implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalMode.class);

    private static final String USAGE =
            "usage: ledgerstream local | demo | token | admin-token | action | check | reconcile | rebuild | help";

    private final LocalSettings settings;
    private final PrintStream out;
    private final Deque<Component> running = new ArrayDeque<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private DataDirectoryLock lock;
    private EmbeddedKafka kafka;
    private ServiceWiring wiring;
    private SpringService ingest;
    private SpringService streams;
    private SpringService sink;
    private SpringService admin;

    /** Local mode with these settings, printing its summary and ready line to {@code out}. */
    public LocalMode(LocalSettings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    public static void main(String[] args) {
        String command = args.length == 0 ? "" : args[0];
        try {
            switch (command) {
                case "local" -> runUntilSignalled(LocalSettings.fromEnvironment(System.getenv()));
                case "token" -> System.out.println(usageToken(LocalSettings.fromEnvironment(System.getenv()), Instant.now()));
                case "admin-token" -> System.out.println(adminToken(LocalSettings.fromEnvironment(System.getenv()),
                        Instant.now()));
                case "demo" -> {
                    LocalSettings settings = LocalSettings.fromEnvironment(System.getenv());
                    demo(settings, URI.create("http://localhost:" + settings.ingestPort()),
                            URI.create("http://localhost:" + settings.adminPort())).run(System.out);
                }
                case "action" -> System.exit(actionCommand(System.getenv()).run(List.of(args).subList(1, args.length),
                        System.out, System.err));
                case "check" -> System.exit(new GoNoGo(checkTarget(System.getenv())).run(System.out));
                case "reconcile", "rebuild" -> System.exit(ReconcileTool.runQuietly(args, toolEnvironment(
                        LocalSettings.fromEnvironment(System.getenv()), System.getenv(), command.equals("rebuild")),
                        System.out, System.err));
                default -> {
                    System.err.println(USAGE);
                    System.exit(2);
                }
            }
        } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
            // Settings and start-up problems described by us (or logged in full by the service that
            // failed): one clear line is enough.
            System.err.println("ledgerstream: " + describe(e));
            System.exit(1);
        } catch (java.io.IOException e) {
            // The demo could not reach a service: local mode is probably not running.
            System.err.println("ledgerstream: cannot reach local mode (is `./ledgerstream local` running?): " + e);
            System.exit(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.exit(1);
        } catch (java.security.GeneralSecurityException | RuntimeException e) {
            log.error("Local mode failed", e);
            System.err.println("ledgerstream: " + describe(e));
            System.exit(1);
        }
    }

    /**
     * The environment for the reconcile tool against a running local mode: the variables set in
     * {@code env}, and where they are not, the embedded broker and PostgreSQL of {@code settings}
     * (the superuser, which ran the migrations). For a rebuild with the embedded PostgreSQL and no
     * {@code DATABASE_URL}, a new database {@code ledgerstream_rebuilt_<epoch seconds>} is created
     * to rebuild into, since a rebuild writes only into an empty one.
     */
    public static Map<String, String> toolEnvironment(LocalSettings settings, Map<String, String> env, boolean rebuild) {
        Map<String, String> tool = new HashMap<>(env);
        tool.putIfAbsent("KAFKA_BOOTSTRAP_SERVERS", settings.kafkaBootstrapServers()
                .orElse("127.0.0.1:" + settings.kafkaPort()));
        tool.putIfAbsent("RECONCILE_WORK_DIR", settings.dataDirectory().resolve("reconcile").toString());
        if (settings.embeddedPostgres()) {
            String server = "jdbc:postgresql://127.0.0.1:" + settings.postgresPort() + "/";
            String database = EmbeddedPostgres.DATABASE;
            if (rebuild) {
                database = "ledgerstream_rebuilt_" + Instant.now().getEpochSecond();
                try (java.sql.Connection connection = java.sql.DriverManager.getConnection(server + "postgres",
                        EmbeddedPostgresServer.SUPERUSER, "");
                        java.sql.Statement statement = connection.createStatement()) {
                    statement.execute("CREATE DATABASE " + database);
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException("cannot create the database to rebuild into (is local mode"
                            + " running?): " + e.getMessage(), e);
                }
                System.err.println("rebuild: into the new database " + database + " on the embedded PostgreSQL");
            }
            tool.put("DATABASE_URL", server + database);
            tool.put("DATABASE_USER", EmbeddedPostgresServer.SUPERUSER);
            tool.put("DATABASE_PASSWORD", "");
        }
        return tool;
    }

    /**
     * A fresh usage token (SPEC 3.2) signed with the development key, which is created first when
     * it does not exist yet: what {@code ./ledgerstream token} prints.
     */
    public static String usageToken(LocalSettings settings, Instant now) {
        if (!settings.devJwks()) {
            throw new IllegalStateException("USAGE_JWKS_URL is set, so the ingest API trusts that issuer's keys and not"
                    + " local mode's development key: get a token from that issuer");
        }
        return DevTokens.usageToken(DevCredentials.usageSigningKey(settings.devDirectory()),
                settings.usageJwtIssuer(), settings.usageJwtAudience(), now);
    }

    /**
     * {@code ./ledgerstream demo} against the ingest and admin APIs at {@code ingest} and {@code admin},
     * with this local mode's IPN secret and development tokens.
     */
    public static Demo demo(LocalSettings settings, URI ingest, URI admin) {
        String secret = settings.ipnSecret().orElseGet(() -> DevCredentials.ipnSecret(settings.devDirectory()));
        return new Demo(ingest, admin, secret, () -> adminToken(settings, Instant.now()),
                () -> usageToken(settings, Instant.now()));
    }

    /** A fresh admin token ({@code role admin}) signed with the development key: what {@code ./ledgerstream admin-token} prints. */
    public static String adminToken(LocalSettings settings, Instant now) {
        if (settings.adminJwksUrl().isPresent()) {
            throw new IllegalStateException("ADMIN_JWKS_URL is set, so the admin API trusts that issuer's keys and not"
                    + " local mode's development key: get a token from that issuer");
        }
        return DevTokens.adminToken(DevCredentials.usageSigningKey(settings.devDirectory()),
                settings.adminJwtIssuer(), settings.adminJwtAudience(), now);
    }

    /**
     * {@code ./ledgerstream action}: against {@code ADMIN_URL} (default local mode's admin API), with
     * {@code ADMIN_TOKEN} when set, else a development admin token made for each request.
     */
    static ActionCommand actionCommand(Map<String, String> env) {
        LocalSettings settings = LocalSettings.fromEnvironment(env);
        URI admin = url(env, "ADMIN_URL", settings.adminPort());
        String token = env.get("ADMIN_TOKEN");
        return new ActionCommand(admin, token != null && !token.isBlank() ? () -> token
                : () -> adminToken(settings, Instant.now()));
    }

    /**
     * {@code ./ledgerstream check}: the services at {@code INGEST_URL}, {@code STREAM_URL}, {@code SINK_URL}
     * and {@code ADMIN_URL} (default local mode's ports), Kafka at {@code KAFKA_BOOTSTRAP_SERVERS}, as
     * {@code ADMIN_TOKEN} and {@code USAGE_TOKEN} (default development tokens), signing with
     * {@code NOWPAYMENTS_IPN_SECRET} (default the development secret).
     */
    static GoNoGo.Target checkTarget(Map<String, String> env) {
        LocalSettings settings = LocalSettings.fromEnvironment(env);
        String adminToken = env.get("ADMIN_TOKEN");
        String usageToken = env.get("USAGE_TOKEN");
        return new GoNoGo.Target(url(env, "INGEST_URL", settings.ingestPort()), url(env, "STREAM_URL", settings.streamPort()),
                url(env, "SINK_URL", settings.sinkPort()), url(env, "ADMIN_URL", settings.adminPort()),
                settings.kafkaBootstrapServers().orElse("127.0.0.1:" + settings.kafkaPort()),
                KafkaClientSecurity.of(env::get),
                adminToken != null && !adminToken.isBlank() ? () -> adminToken : () -> adminToken(settings, Instant.now()),
                usageToken != null && !usageToken.isBlank() ? () -> usageToken : () -> usageToken(settings, Instant.now()),
                settings.ipnSecret().orElseGet(() -> DevCredentials.ipnSecret(settings.devDirectory())),
                env.getOrDefault("STREAMS_APPLICATION_ID", Quiescence.STREAMS_GROUP),
                env.getOrDefault("SINK_GROUP_ID", Quiescence.SINK_GROUP));
    }

    private static URI url(Map<String, String> env, String variable, int localPort) {
        return URI.create(env.getOrDefault(variable, "http://localhost:" + localPort));
    }

    /** Where the admin API and dashboard answer, e.g. {@code http://localhost:8081}. */
    public synchronized URI adminUrl() {
        requireRunning();
        return admin.url();
    }

    /**
     * Starts the servers, then the services, and prints the credentials and one ready line. When
     * anything fails, what was started is stopped again before the exception is thrown.
     */
    public synchronized void start() {
        if (lock != null) {
            throw new IllegalStateException("Local mode is already running on " + settings.dataDirectory());
        }
        long startedAt = System.nanoTime();
        try {
            lock = DataDirectoryLock.acquire(settings.dataDirectory());
            // The lock is ours, so no live local mode uses this data: a PostgreSQL still running on it
            // was left by one that was killed (kill -9, the OOM killer), and would hold its port.
            if (settings.embeddedPostgres()) {
                EmbeddedPostgresServer.stopOrphaned(settings.postgresDirectory());
            }
            requireFreePorts();
            // Servers first: each one is started only when no SPEC 9 variable names an existing one.
            String bootstrapServers = settings.kafkaBootstrapServers().orElseGet(() -> {
                kafka = start(new EmbeddedKafka(settings.kafkaDirectory(), settings.kafkaPort(),
                        settings.kafkaControllerPort()));
                return kafka.bootstrapServers();
            });
            EmbeddedPostgres postgres = settings.embeddedPostgres()
                    ? start(new EmbeddedPostgres(settings.postgresDirectory(), settings.postgresPort())) : null;
            String devJwksUrl = settings.devJwks() || settings.adminJwksUrl().isEmpty()
                    ? start(new DevJwksServer(DevCredentials.usageSigningKey(settings.devDirectory()),
                            settings.devJwksPort())).jwksUrl().toString()
                    : null;
            wiring = new ServiceWiring(bootstrapServers,
                    settings.ipnSecret().orElseGet(() -> DevCredentials.ipnSecret(settings.devDirectory())),
                    settings.usageJwksUrl().orElse(devJwksUrl), settings.usageJwtIssuer(), settings.usageJwtAudience(),
                    postgres != null ? postgres.jdbcUrl() : settings.databaseUrl().orElseThrow(),
                    postgres != null ? postgres.user() : settings.databaseUser().orElse(""),
                    postgres != null ? postgres.password() : settings.databasePassword().orElse(""),
                    settings.adminJwksUrl().orElse(devJwksUrl), settings.adminJwtIssuer(), settings.adminJwtAudience());
            services(wiring).forEach(this::start);
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
        printSummary();
        out.printf(Locale.ROOT, "Ledgerstream local mode is ready in %1$.1f s: ingest %2$s, health %2$s/health"
                        + " (readiness %2$s/health/ready), metrics %2$s/metrics; stream processors %3$s/health,"
                        + " %3$s/metrics; admin API and dashboard %4$s (token: ./ledgerstream admin-token)%n",
                Duration.ofNanos(System.nanoTime() - startedAt).toMillis() / 1000.0, ingest.url(), streams.url(),
                admin.url());
    }

    /** Stops the services, then the servers, each in reverse start order; safe to call more than once. */
    public synchronized void stop() {
        if (running.isEmpty() && lock == null) {
            return;
        }
        boolean anythingRan = !running.isEmpty();
        long stoppingAt = System.nanoTime();
        while (!running.isEmpty()) {
            Component component = running.pop();
            try {
                component.stop();
                log.info("Stopped the {}", component.name());
            } catch (RuntimeException e) {
                // Keep going: the components started before this one still need to stop.
                log.error("Stopping the {} failed", component.name(), e);
            }
        }
        if (lock != null) {
            lock.close();
            lock = null;
        }
        if (anythingRan) {
            log.info("Local mode stopped in {} ms", Duration.ofNanos(System.nanoTime() - stoppingAt).toMillis());
        }
        stopped.countDown();
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    /** Where the ingest API answers, e.g. {@code http://localhost:8080}. */
    public synchronized URI ingestUrl() {
        requireRunning();
        return ingest.url();
    }

    /** Where the stream processors' health and metrics answer. */
    public synchronized URI streamsUrl() {
        requireRunning();
        return streams.url();
    }

    /** Where the ledger sink's health and metrics answer. */
    public synchronized URI sinkUrl() {
        requireRunning();
        return sink.url();
    }

    /** What the services were given: Kafka's address, the IPN secret, the usage token settings. */
    public synchronized ServiceWiring wiring() {
        requireRunning();
        return wiring;
    }

    /**
     * The services, in start order. The stream processors, the ledger sink and the admin API join
     * this list (after the ingest API, so that readers find the topics it creates).
     */
    private List<Component> services(ServiceWiring wiring) {
        ingest = SpringService.ingest(wiring, settings.ingestPort());
        streams = SpringService.streams(wiring, settings.streamPort(), settings.streamsDirectory(),
                settings.lotTtlDays());
        admin = SpringService.admin(wiring, settings.adminPort());
        sink = SpringService.sink(wiring, settings.sinkPort());
        return List.of(ingest, streams, sink, admin);
    }

    private <C extends Component> C start(C component) {
        long startingAt = System.nanoTime();
        component.start();
        running.push(component);
        log.info("Started the {} in {} ms", component.name(), Duration.ofNanos(System.nanoTime() - startingAt).toMillis());
        return component;
    }

    private void requireFreePorts() {
        if (settings.embeddedKafka()) {
            FreePorts.require("127.0.0.1", settings.kafkaPort(), "LEDGER_KAFKA_PORT");
            FreePorts.require("127.0.0.1", settings.kafkaControllerPort(), "LEDGER_KAFKA_CONTROLLER_PORT");
        }
        if (settings.devJwks() || settings.adminJwksUrl().isEmpty()) {
            FreePorts.require("127.0.0.1", settings.devJwksPort(), "LEDGER_DEV_JWKS_PORT");
        }
        FreePorts.require(null, settings.ingestPort(), "INGEST_PORT");
        FreePorts.require(null, settings.streamPort(), "STREAM_PORT");
        FreePorts.require(null, settings.sinkPort(), "SINK_PORT");
        FreePorts.require(null, settings.adminPort(), "ADMIN_PORT");
        if (settings.embeddedPostgres()) {
            FreePorts.require("127.0.0.1", settings.postgresPort(), "LEDGER_POSTGRES_PORT");
        }
    }

    private void printSummary() {
        String dev = settings.devDirectory().toString();
        out.println("Ledgerstream local mode, data in " + settings.dataDirectory());
        out.println("  Kafka                   " + wiring.kafkaBootstrapServers() + (settings.embeddedKafka()
                ? "   (embedded, data in " + kafka.dataDirectory() + ")"
                : "   (from the environment)"));
        out.println("  NOWPAYMENTS_IPN_SECRET  " + (settings.ipnSecret().isPresent()
                ? "(from the environment)"
                : wiring.ipnSecret() + "   (development secret, kept in " + dev + ")"));
        out.println("  USAGE_JWKS_URL          " + wiring.usageJwksUrl() + (settings.devJwks()
                ? "   (development key, kept in " + dev + ")"
                : "   (from the environment)"));
        out.println("  USAGE_JWT_ISSUER        " + wiring.usageJwtIssuer());
        out.println("  USAGE_JWT_AUDIENCE      " + wiring.usageJwtAudience());
        if (settings.devJwks()) {
            out.println("  usage token             TOKEN=$(./ledgerstream token)   (ES256, "
                    + DevTokens.LIFETIME.toSeconds() + " s, scope " + DevTokens.SCOPE + ")");
        }
    }

    private void runUntilStopped() {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void requireRunning() {
        if (ingest == null || running.isEmpty()) {
            throw new IllegalStateException("Local mode is not running");
        }
    }

    /** Runs until SIGTERM or Ctrl-C, then stops everything in order and exits 0. */
    private static void runUntilSignalled(LocalSettings settings) {
        LocalMode mode = new LocalMode(settings, System.out);
        Runtime.getRuntime().addShutdownHook(new Thread(mode::stop, "local-mode-shutdown"));
        ExitOnSignal.install("TERM", "INT");
        mode.start();
        mode.runUntilStopped();
    }

    /** The exception's message, with its root cause's when that says more (e.g. "Address already in use"). */
    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = String.valueOf(e.getMessage());
        return root == e || root.getMessage() == null || message.contains(root.getMessage())
                ? message
                : message + ": " + root.getMessage();
    }
}
