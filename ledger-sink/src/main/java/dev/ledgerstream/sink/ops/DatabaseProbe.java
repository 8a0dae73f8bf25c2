package dev.ledgerstream.sink.ops;

import dev.ledgerstream.sink.write.DatabaseSettings;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;

/**
 * Whether PostgreSQL answers the sink's login: a fresh connection and {@code SELECT 1} within a
 * short bound, remembered for a second. Independent of the consumers' sessions, so that an idle
 * sink still notices an outage.
 */
public class DatabaseProbe {

    private static final Duration MEMORY = Duration.ofSeconds(1);

    private final DatabaseSettings database;
    private final Duration timeout;
    private volatile long checkedAtNanos;
    private volatile String lastProblem;

    public DatabaseProbe(DatabaseSettings database, Duration timeout) {
        this.database = database;
        this.timeout = timeout;
    }

    /** Null when PostgreSQL answered, else what went wrong. */
    public synchronized String problem() {
        long now = System.nanoTime();
        if (checkedAtNanos != 0 && now - checkedAtNanos < MEMORY.toNanos()) {
            return lastProblem;
        }
        lastProblem = ask();
        checkedAtNanos = System.nanoTime();
        return lastProblem;
    }

    private String ask() {
        Properties properties = new Properties();
        properties.setProperty("user", database.user());
        properties.setProperty("password", database.password());
        properties.setProperty("ApplicationName", "ledger-sink-health");
        properties.setProperty("connectTimeout", Long.toString(Math.max(1, timeout.toSeconds())));
        properties.setProperty("socketTimeout", Long.toString(Math.max(1, timeout.toSeconds())));
        try (Connection connection = new org.postgresql.Driver().connect(database.jdbcUrl(), properties);
                Statement statement = connection.createStatement()) {
            statement.execute("SELECT 1");
            return null;
        } catch (SQLException | RuntimeException e) {
            return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
    }
}
