package dev.ledgerstream.sink.write;

import java.time.Duration;
import java.util.Objects;

/**
 * How to reach PostgreSQL as one login, and the bounds of every call made with it.
 *
 * @param jdbcUrl          {@code jdbc:postgresql://host:port/database[?…]}
 * @param connectTimeout   how long opening a connection may take
 * @param statementTimeout how long one statement may run before the server cancels it
 */
public record DatabaseSettings(String jdbcUrl, String user, String password, Duration connectTimeout,
        Duration statementTimeout) {

    public DatabaseSettings {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL: " + jdbcUrl);
        }
        Objects.requireNonNull(user, "user");
        password = password == null ? "" : password;
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(statementTimeout, "statementTimeout");
    }

    /** The same server and bounds as another login. */
    public DatabaseSettings as(String otherUser, String otherPassword) {
        return new DatabaseSettings(jdbcUrl, otherUser, otherPassword, connectTimeout, statementTimeout);
    }

    private static void requirePositive(Duration duration, String name) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + duration);
        }
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "DatabaseSettings[" + jdbcUrl + " as " + user + ", connectTimeout=" + connectTimeout
                + ", statementTimeout=" + statementTimeout + "]";
    }
}
