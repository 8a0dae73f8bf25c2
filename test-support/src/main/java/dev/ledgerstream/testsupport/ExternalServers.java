package dev.ledgerstream.testsupport;

/**
 * The external mode: servers someone else runs, named by the same variables the services read
 * ({@code KAFKA_BOOTSTRAP_SERVERS}; {@code DATABASE_URL}, {@code DATABASE_USER},
 * {@code DATABASE_PASSWORD}). They are never stopped from here.
 */
final class ExternalServers {

    static final String USER_SETTING = "DATABASE_USER";
    static final String PASSWORD_SETTING = "DATABASE_PASSWORD";
    private static final String DEFAULT_USER = "postgres";

    private ExternalServers() {
    }

    static KafkaServer kafka() {
        String bootstrapServers = Settings.read(ModeSelection.KAFKA_SETTING).orElseThrow(
                () -> new IllegalStateException(ModeSelection.KAFKA_SETTING + " is not set"));
        return new Kafka(bootstrapServers);
    }

    static PostgresServer postgres() {
        String url = Settings.read(ModeSelection.DATABASE_SETTING).orElseThrow(
                () -> new IllegalStateException(ModeSelection.DATABASE_SETTING + " is not set"));
        JdbcUrls.Parsed parsed = JdbcUrls.parse(url);
        String user = Settings.read(USER_SETTING).or(parsed::user).orElse(DEFAULT_USER);
        String password = Settings.read(PASSWORD_SETTING).or(parsed::password).orElse("");
        return new Postgres(parsed.jdbcUrl(), user, password);
    }

    private static UnsupportedOperationException cannotRestart(String server) {
        return new UnsupportedOperationException("An external " + server + " is not ours to stop; "
                + "guard outage tests with assumeTrue(server.canRestart())");
    }

    /** An external broker as the tests see it. */
    private record Kafka(String bootstrapServers) implements KafkaServer {

        @Override
        public ServerMode mode() {
            return ServerMode.EXTERNAL;
        }

        @Override
        public boolean canRestart() {
            return false;
        }

        @Override
        public boolean isRunning() {
            return true;
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
            return "external Kafka at " + bootstrapServers;
        }
    }

    /** An external PostgreSQL as the tests see it. */
    private record Postgres(String jdbcUrl, String user, String password) implements PostgresServer {

        @Override
        public String jdbcUrl(String database) {
            return JdbcUrls.withDatabase(jdbcUrl, database);
        }

        @Override
        public ServerMode mode() {
            return ServerMode.EXTERNAL;
        }

        @Override
        public boolean canRestart() {
            return false;
        }

        @Override
        public boolean isRunning() {
            return true;
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
            return "external PostgreSQL at " + jdbcUrl + " as " + user;
        }
    }
}
