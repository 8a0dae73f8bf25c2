package dev.ledgerstream.testsupport;

import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The Testcontainers mode: Kafka ({@code apache/kafka}, KRaft) and PostgreSQL in Docker. The
 * containers live as long as the JVM; Testcontainers removes them when it exits. The images can be
 * changed with {@value #KAFKA_IMAGE_SETTING} and {@value #POSTGRES_IMAGE_SETTING}.
 */
final class ContainerServers {

    static final String KAFKA_IMAGE_SETTING = "LEDGER_TEST_KAFKA_IMAGE";
    static final String POSTGRES_IMAGE_SETTING = "LEDGER_TEST_POSTGRES_IMAGE";
    private static final String DEFAULT_KAFKA_IMAGE = "apache/kafka:4.2.1";
    private static final String DEFAULT_POSTGRES_IMAGE = "postgres:16";

    private ContainerServers() {
    }

    static KafkaServer startKafka() {
        KafkaContainer container = new KafkaContainer(Settings.readOr(KAFKA_IMAGE_SETTING, DEFAULT_KAFKA_IMAGE))
                // Same behaviour as the embedded broker: topics are declared, never created by a typo.
                .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
                .withEnv("KAFKA_MIN_INSYNC_REPLICAS", "1");
        container.start();
        return new Kafka(container);
    }

    static PostgresServer startPostgres() {
        PostgreSQLContainer container = new PostgreSQLContainer(Settings.readOr(POSTGRES_IMAGE_SETTING, DEFAULT_POSTGRES_IMAGE))
                // Test data is thrown away with the container, so durability only costs time here.
                .withCommand("postgres", "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off");
        container.start();
        return new Postgres(container);
    }

    private static UnsupportedOperationException cannotRestart(String server) {
        return new UnsupportedOperationException(server + " in a container cannot be stopped and started again on the "
                + "same port; guard outage tests with assumeTrue(server.canRestart())");
    }

    /** The Kafka container as the tests see it. */
    private static final class Kafka implements KafkaServer {

        private final KafkaContainer container;

        Kafka(KafkaContainer container) {
            this.container = container;
        }

        @Override
        public String bootstrapServers() {
            return container.getBootstrapServers();
        }

        @Override
        public ServerMode mode() {
            return ServerMode.TESTCONTAINERS;
        }

        @Override
        public boolean canRestart() {
            return false;
        }

        @Override
        public boolean isRunning() {
            return container.isRunning();
        }

        @Override
        public void stop() {
            throw cannotRestart("Kafka");
        }

        @Override
        public void start() {
            throw cannotRestart("Kafka");
        }

        @Override
        public String toString() {
            return container.getDockerImageName() + " at " + bootstrapServers();
        }
    }

    /** The PostgreSQL container as the tests see it. */
    private static final class Postgres implements PostgresServer {

        private final PostgreSQLContainer container;

        Postgres(PostgreSQLContainer container) {
            this.container = container;
        }

        @Override
        public String jdbcUrl() {
            return container.getJdbcUrl();
        }

        @Override
        public String jdbcUrl(String database) {
            return JdbcUrls.withDatabase(container.getJdbcUrl(), database);
        }

        @Override
        public String user() {
            return container.getUsername();
        }

        @Override
        public String password() {
            return container.getPassword();
        }

        @Override
        public ServerMode mode() {
            return ServerMode.TESTCONTAINERS;
        }

        @Override
        public boolean canRestart() {
            return false;
        }

        @Override
        public boolean isRunning() {
            return container.isRunning();
        }

        @Override
        public void stop() {
            throw cannotRestart("PostgreSQL");
        }

        @Override
        public void start() {
            throw cannotRestart("PostgreSQL");
        }

        @Override
        public String toString() {
            return container.getDockerImageName() + " at " + jdbcUrl();
        }
    }
}
