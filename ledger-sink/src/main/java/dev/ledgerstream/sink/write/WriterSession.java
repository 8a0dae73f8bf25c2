package dev.ledgerstream.sink.write;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import org.postgresql.PGConnection;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

/**
 * One connection acting as {@code ledger_writer}, with its staging tables.
 * Owned by one thread; replaced as a whole when it fails.
 */
final class WriterSession implements AutoCloseable {

    /** The role every write runs as, whatever login opened the connection (ADR 0005). */
    static final String WRITER_ROLE = "ledger_writer";

    /** The client's own bound, above the server's statement timeout, for a server that stopped answering. */
    private static final int SOCKET_TIMEOUT_MARGIN_SECONDS = 30;

    private final Connection connection;

    private WriterSession(Connection connection) {
        this.connection = connection;
    }

    static WriterSession open(DatabaseSettings database, String applicationName) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", database.user());
        properties.setProperty("password", database.password());
        properties.setProperty("ApplicationName", applicationName);
        properties.setProperty("connectTimeout", Long.toString(Math.max(1, database.connectTimeout().toSeconds())));
        properties.setProperty("socketTimeout",
                Long.toString(database.statementTimeout().toSeconds() + SOCKET_TIMEOUT_MARGIN_SECONDS));
        properties.setProperty("tcpKeepAlive", "true");
        Connection connection = new org.postgresql.Driver().connect(database.jdbcUrl(), properties);
        if (connection == null) {
            throw new PSQLException("not a PostgreSQL JDBC URL: " + database.jdbcUrl(), PSQLState.CONNECTION_UNABLE_TO_CONNECT);
        }
        try (Statement setup = connection.createStatement()) {
            setup.execute("SET ROLE " + WRITER_ROLE);
            setup.execute("SET statement_timeout = " + database.statementTimeout().toMillis());
            for (LedgerTable table : LedgerTable.values()) {
                setup.execute(table.createStagingSql());
            }
            connection.setAutoCommit(false);
            return new WriterSession(connection);
        } catch (SQLException e) {
            closeQuietly(connection);
            throw e;
        }
    }

    Connection connection() {
        return connection;
    }

    /** Loads {@code rows} into the table's staging table in one COPY. */
    void stage(LedgerTable table, List<Row> rows) throws SQLException {
        try {
            connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn(table.copySql(), new ByteArrayInputStream(CsvRows.encode(rows)));
        } catch (IOException e) {
            throw new PSQLException("COPY into " + table.stagingTable() + " failed: " + e.getMessage(),
                    PSQLState.CONNECTION_FAILURE, e);
        }
    }

    boolean isValid() {
        try {
            return !connection.isClosed();
        } catch (SQLException e) {
            return false;
        }
    }

    void rollbackQuietly() {
        try {
            connection.rollback();
        } catch (SQLException e) {
            // The connection is gone; the session is replaced on the next attempt.
        }
    }

    @Override
    public void close() {
        closeQuietly(connection);
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            // Closing a broken connection fails; there is nothing left to release.
        }
    }
}
