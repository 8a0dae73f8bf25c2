package dev.ledgerstream.servicekit;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * {@code DATABASE_URL} (SPEC 9) as a JDBC URL: either already {@code jdbc:postgresql://…}, or the
 * common {@code postgres://user:password@host:port/database?options} form, whose user and password
 * are used when {@code DATABASE_USER} / {@code DATABASE_PASSWORD} are not set. The one reading of
 * these variables, for every service and tool that reaches the ledger.
 *
 * @param user     the URL's user, or null
 * @param password the URL's password, or null
 */
public record DatabaseUrl(String jdbcUrl, String user, String password) {

    private static final int DEFAULT_PORT = 5432;

    public static DatabaseUrl parse(String url) {
        if (url == null || url.isBlank()) {
            throw new SettingProblem("DATABASE_URL", "is not set");
        }
        String trimmed = url.trim();
        if (trimmed.startsWith("jdbc:postgresql:")) {
            return new DatabaseUrl(trimmed, null, null);
        }
        if (!trimmed.startsWith("postgres://") && !trimmed.startsWith("postgresql://")) {
            throw new SettingProblem("DATABASE_URL",
                    "is not a PostgreSQL URL (jdbc:postgresql://… or postgres://…)");
        }
        try {
            URI uri = new URI(trimmed);
            if (uri.getHost() == null || uri.getPath() == null || uri.getPath().length() < 2) {
                throw new SettingProblem("DATABASE_URL", "needs a host and a database name");
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
            throw new SettingProblem("DATABASE_URL", "is not a valid URL");
        }
    }

    /**
     * The login: {@code user} ({@code DATABASE_USER}) where set, else the URL's own user; refuses,
     * naming {@code DATABASE_USER}, when neither gives one.
     */
    public String loginUser(String user) {
        String login = firstSet(user, this.user);
        if (login == null) {
            throw new SettingProblem("DATABASE_USER", "is not set (nor a user in DATABASE_URL)");
        }
        return login;
    }

    /** Its password: {@code password} ({@code DATABASE_PASSWORD}) where set, else the URL's own (may be null). */
    public String loginPassword(String password) {
        return firstSet(password, this.password);
    }

    private static String firstSet(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    /** The URL with its password replaced, for logs. */
    public static String withoutPassword(String url) {
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
