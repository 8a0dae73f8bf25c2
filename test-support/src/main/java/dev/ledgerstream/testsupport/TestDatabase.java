package dev.ledgerstream.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Objects;

/**
 * A database created for one test class on the shared {@link PostgresServer}: what a
 * {@code DataSource} or Flyway needs to reach it.
 *
 * @param name     the database name
 * @param jdbcUrl  its JDBC URL
 * @param user     a user that owns it
 * @param password that user's password (empty for the embedded server, which trusts local connections)
 */
public record TestDatabase(String name, String jdbcUrl, String user, String password) {

    public TestDatabase {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
    }

    /** Opens a new connection as {@link #user()}; the caller closes it. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, user, password);
    }

    @Override
    public String toString() {
        return "TestDatabase[" + jdbcUrl + " as " + user + "]";
    }
}
