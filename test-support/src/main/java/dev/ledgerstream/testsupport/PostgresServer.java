package dev.ledgerstream.testsupport;

/**
 * The PostgreSQL server shared by the tests of this JVM. Obtain it from {@link TestServers#postgres()}
 * or as a parameter of a {@link WithPostgres} test; a test class usually wants its own
 * {@link TestDatabase} instead, so that it never sees another class's tables.
 */
public interface PostgresServer {

    /** The JDBC URL of the server's maintenance database ({@code postgres} or the one configured). */
    String jdbcUrl();

    /** The JDBC URL of {@code database} on this server. */
    String jdbcUrl(String database);

    /** A user allowed to create databases and roles. */
    String user();

    String password();

    ServerMode mode();

    /** True only for the embedded server, the one that tests may {@link #stop()} and {@link #start()}. */
    boolean canRestart();

    boolean isRunning();

    /**
     * Stops PostgreSQL, keeping its port and data, to test an outage. Only when {@link #canRestart()};
     * guard such tests with {@code assumeTrue(postgres.canRestart())}. A server left stopped is
     * started again after the test class.
     */
    void stop();

    /** Starts PostgreSQL again on the same port and data after {@link #stop()}. */
    void start();

    /** Creates an empty database with a new unique name, {@code prefix} followed by random characters. */
    default TestDatabase newDatabase(String prefix) {
        return Databases.create(this, prefix);
    }

    /** Creates an empty database with a new unique name. */
    default TestDatabase newDatabase() {
        return newDatabase("test");
    }
}
