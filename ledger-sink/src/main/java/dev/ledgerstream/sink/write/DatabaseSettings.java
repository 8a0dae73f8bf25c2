package dev.ledgerstream.sink.write;

import dev.ledgerstream.servicekit.DatabaseUrl;
import dev.ledgerstream.servicekit.SettingProblem;
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

    /**
     * {@code DATABASE_URL} as {@code user} / {@code password} ({@code DATABASE_USER},
     * {@code DATABASE_PASSWORD}) where set, else as the URL's own login; throws a
     * {@link SettingProblem} naming the variable that is missing or unusable.
     */
    public static DatabaseSettings of(String databaseUrl, String user, String password, Duration connectTimeout,
            Duration statementTimeout) {
        DatabaseUrl url = DatabaseUrl.parse(databaseUrl);
        return new DatabaseSettings(url.jdbcUrl(), url.loginUser(user), url.loginPassword(password), connectTimeout,
                statementTimeout);
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
