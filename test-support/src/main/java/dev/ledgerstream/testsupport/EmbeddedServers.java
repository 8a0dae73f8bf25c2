package dev.ledgerstream.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.ledgerstream.embedded.EmbeddedKafkaBroker;
import dev.ledgerstream.embedded.EmbeddedPostgresServer;

/**
 * The embedded mode: a Kafka broker in this JVM and a PostgreSQL child process, with their data
 * in one temporary folder, stopped and deleted when the JVM exits.
 *
 * <p>They are stopped from a JVM shutdown hook rather than when the JUnit engine finishes:
 * Spring's test context cache closes the applications in its own shutdown hook, and those
 * applications need the broker to close quickly (consumers leave their groups, Kafka Streams
 * commits). Shutdown hooks run concurrently, so the hook first waits, briefly, for the Kafka
 * clients of this JVM to close.
 */
final class EmbeddedServers {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedServers.class);

    private static final long CLIENTS_CLOSING_WAIT_MILLIS = 5_000;
    private static final List<String> CLIENT_THREAD_MARKERS = List.of(
            "kafka-producer-network-thread", "kafka-coordinator-heartbeat-thread", "consumer_background_thread",
            "kafka-admin-client-thread", "-StreamThread-", "-GlobalStreamThread");

    private static Path dataRoot;
    private static EmbeddedKafkaBroker broker;
    private static EmbeddedPostgresServer postgres;

    private EmbeddedServers() {
    }

    static synchronized KafkaServer startKafka() {
        broker = EmbeddedKafkaBroker.builder(dataRoot().resolve("kafka")).build();
        broker.start();
        return new Kafka(broker);
    }

    static synchronized PostgresServer startPostgres() {
        postgres = EmbeddedPostgresServer.builder(dataRoot().resolve("postgres"))
                // Test data is thrown away with the JVM, so durability only costs time here.
                .serverConfig("fsync", "off")
                .serverConfig("synchronous_commit", "off")
                .serverConfig("full_page_writes", "off")
                .build();
        postgres.start();
        return new Postgres(postgres);
    }

    private static Path dataRoot() {
        if (dataRoot == null) {
            try {
                dataRoot = Files.createTempDirectory("ledgerstream-test-servers-");
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create a temporary folder for the test servers", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(EmbeddedServers::stopAll, "ledgerstream-test-servers-stop"));
        }
        return dataRoot;
    }

    private static void stopAll() {
        awaitKafkaClientsClosed();
        EmbeddedKafkaBroker stoppingBroker;
        EmbeddedPostgresServer stoppingPostgres;
        Path root;
        synchronized (EmbeddedServers.class) {
            stoppingBroker = broker;
            stoppingPostgres = postgres;
            root = dataRoot;
        }
        try {
            if (stoppingBroker != null) {
                stoppingBroker.stop();
            }
            if (stoppingPostgres != null) {
                stoppingPostgres.stop();
            }
        } catch (RuntimeException e) {
            log.warn("Stopping the embedded test servers failed; their folder {} is deleted anyway", root, e);
        }
        deleteQuietly(root);
    }

    private static void awaitKafkaClientsClosed() {
        long deadline = System.currentTimeMillis() + CLIENTS_CLOSING_WAIT_MILLIS;
        List<String> open = openKafkaClientThreads();
        while (!open.isEmpty() && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            open = openKafkaClientThreads();
        }
        if (!open.isEmpty()) {
            log.info("Stopping the embedded broker although Kafka clients are still open (not closed by a test?): {}", open);
        }
    }

    private static List<String> openKafkaClientThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .map(Thread::getName)
                .filter(name -> CLIENT_THREAD_MARKERS.stream().anyMatch(name::contains))
                .toList();
    }

    private static void deleteQuietly(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            log.debug("Could not delete all of {}", root, e);
        }
    }

    /** The embedded broker as the tests see it. */
    private static final class Kafka implements KafkaServer {

        private final EmbeddedKafkaBroker broker;

        Kafka(EmbeddedKafkaBroker broker) {
            this.broker = broker;
        }

        @Override
        public String bootstrapServers() {
            return broker.bootstrapServers();
        }

        @Override
        public ServerMode mode() {
            return ServerMode.EMBEDDED;
        }

        @Override
        public boolean canRestart() {
            return true;
        }

        @Override
        public boolean isRunning() {
            return broker.isRunning();
        }

        @Override
        public void stop() {
            broker.stop();
        }

        @Override
        public void start() {
            broker.start();
        }

        @Override
        public String toString() {
            return "embedded Kafka broker at " + bootstrapServers();
        }
    }

    /** The embedded PostgreSQL as the tests see it. */
    private static final class Postgres implements PostgresServer {

        private static final String MAINTENANCE_DATABASE = "postgres";

        private final EmbeddedPostgresServer server;

        Postgres(EmbeddedPostgresServer server) {
            this.server = server;
        }

        @Override
        public String jdbcUrl() {
            return server.jdbcUrl(MAINTENANCE_DATABASE);
        }

        @Override
        public String jdbcUrl(String database) {
            return server.jdbcUrl(database);
        }

        @Override
        public String user() {
            return server.superuser();
        }

        @Override
        public String password() {
            return server.superuserPassword();
        }

        @Override
        public ServerMode mode() {
            return ServerMode.EMBEDDED;
        }

        @Override
        public boolean canRestart() {
            return true;
        }

        @Override
        public boolean isRunning() {
            return server.isRunning();
        }

        @Override
        public void stop() {
            server.stop();
        }

        @Override
        public void start() {
            server.start();
        }

        @Override
        public String toString() {
            return "embedded PostgreSQL at " + jdbcUrl();
        }
    }
}
