package dev.ledgerstream.testsupport;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Locale;

/** Creates uniquely named databases on a test PostgreSQL server. */
final class Databases {

    // PostgreSQL truncates identifiers beyond 63 bytes; the random suffix must survive.
    private static final int MAX_PREFIX_LENGTH = 40;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Databases() {
    }

    static TestDatabase create(PostgresServer server, String prefix) {
        String name = uniqueName(prefix);
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password());
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + name + " on " + server.jdbcUrl()
                    + " as " + server.user() + " (the user needs CREATEDB)", e);
        }
        return new TestDatabase(name, server.jdbcUrl(name), server.user(), server.password());
    }

    /**
     * A lower-case identifier that needs no quoting: the prefix with anything but letters and
     * digits turned into underscores, then 8 random hex digits.
     */
    static String uniqueName(String prefix) {
        String cleaned = prefix.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
        if (cleaned.isEmpty() || !Character.isLetter(cleaned.charAt(0))) {
            cleaned = "t_" + cleaned;
        }
        if (cleaned.length() > MAX_PREFIX_LENGTH) {
            cleaned = cleaned.substring(0, MAX_PREFIX_LENGTH);
        }
        byte[] suffix = new byte[4];
        RANDOM.nextBytes(suffix);
        return cleaned + (cleaned.endsWith("_") ? "" : "_") + HexFormat.of().formatHex(suffix);
    }
}
