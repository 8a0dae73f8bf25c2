package dev.ledgerstream.sink.config;

import dev.ledgerstream.sink.write.DatabaseSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * {@code DATABASE_URL} (SPEC 9) as a JDBC URL: either already {@code jdbc:postgresql://…}, or the
 * common {@code postgres://user:password@host:port/database?options} form, whose user and password
 * are used when {@code DATABASE_USER} / {@code DATABASE_PASSWORD} are not set.
 *
 * @param user     the URL's user, or null
 * @param password the URL's password, or null
 */
public record DatabaseUrl(String jdbcUrl, String user, String password) {

    private static final int DEFAULT_PORT = 5432;

    public static DatabaseUrl parse(String url) {
        if (url == null || url.isBlank()) {
            throw new MissingSettingException("DATABASE_URL", "is not set");
        }
        String trimmed = url.trim();
        if (trimmed.startsWith("jdbc:postgresql:")) {
            return new DatabaseUrl(trimmed, null, null);
        }
        if (!trimmed.startsWith("postgres://") && !trimmed.startsWith("postgresql://")) {
            throw new MissingSettingException("DATABASE_URL",
                    "is not a PostgreSQL URL (jdbc:postgresql://… or postgres://…)");
        }
        try {
            URI uri = new URI(trimmed);
            if (uri.getHost() == null || uri.getPath() == null || uri.getPath().length() < 2) {
                throw new MissingSettingException("DATABASE_URL", "needs a host and a database name");
            }
            String jdbc = "jdbc:postgresql://" + uri.getHost() + ":" + (uri.getPort() == -1 ? DEFAULT_PORT : uri.getPort())
                    + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            String user = null;
            String password = null;
            if (uri.getRawUserInfo() != null) {
                String[] parts = uri.getRawUserInfo().split(":", 2);
                user = decode(parts[0]);
                password = parts.length > 1 ? decode(parts[1]) : null;
            }
            return new DatabaseUrl(jdbc, user, password);
        } catch (URISyntaxException e) {
            throw new MissingSettingException("DATABASE_URL", "is not a valid URL");
        }
    }

    /**
     * How to reach this database: as {@code user} / {@code password} ({@code DATABASE_USER},
     * {@code DATABASE_PASSWORD}) where set, else as the URL's own user and password; refuses, naming
     * {@code DATABASE_USER}, when neither gives a user.
     */
    public DatabaseSettings login(String user, String password, Duration connectTimeout, Duration statementTimeout) {
        String login = firstSet(user, this.user);
        if (login == null) {
            throw new MissingSettingException("DATABASE_USER", "is not set (nor a user in DATABASE_URL)");
        }
        return new DatabaseSettings(jdbcUrl, login, firstSet(password, this.password), connectTimeout,
                statementTimeout);
    }

    private static String firstSet(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    /** The URL with its password replaced, for logs. */
    static String withoutPassword(String url) {
        return url == null ? null : url.replaceAll("(?<=://[^:/@]{0,256}:)[^@/]*(?=@)", "***");
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "DatabaseUrl[" + jdbcUrl + ", user=" + user + "]";
    }
}
