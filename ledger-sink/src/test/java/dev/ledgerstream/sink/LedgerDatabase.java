package dev.ledgerstream.sink;

import dev.ledgerstream.sink.schema.LedgerMigrations;
import dev.ledgerstream.sink.write.DatabaseSettings;
import dev.ledgerstream.testsupport.TestDatabase;
import dev.ledgerstream.testsupport.TestServers;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A migrated ledger database of one test class, and connections to it as each ledger role (the test
 * server's user may SET ROLE to any of them: it is the migration login, or a superuser).
 */
final class LedgerDatabase {

    private final TestDatabase database;

    /** A database that is not migrated yet (the application under test migrates it). */
    LedgerDatabase(TestDatabase database) {
        this.database = database;
    }

    /** A new, empty database on the shared server, migrated. */
    static LedgerDatabase migrated(String prefix) {
        LedgerDatabase ledger = new LedgerDatabase(TestServers.postgres().newDatabase(prefix));
        LedgerMigrations.migrate(ledger.settings(), 0, Duration.ofSeconds(1));
        return ledger;
    }

    /** The test server's login: migration owner and member of ledger_writer. */
    DatabaseSettings settings() {
        return new DatabaseSettings(database.jdbcUrl(), database.user(), database.password(), Duration.ofSeconds(5),
                Duration.ofSeconds(30));
    }

    TestDatabase database() {
        return database;
    }

    /** A connection acting as {@code role}; autocommit on. */
    Connection as(String role) throws SQLException {
        Connection connection = database.connect();
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET ROLE " + role);
        }
        return connection;
    }

    /** A connection acting as ledger_reader with its tenant set for the session. */
    Connection readerOf(String communityId) throws SQLException {
        Connection connection = as("ledger_reader");
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET app.community_id = '" + communityId + "'");
        }
        return connection;
    }

    /** One long value of a query run as the platform role (which sees every tenant). */
    long platformLong(String sql) throws SQLException {
        try (Connection connection = as("ledger_platform"); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /**
     * Every row of a ledger table as the platform role sees it, without {@code written_at} (when the
     * sink wrote it, which differs between runs), in a stable order.
     */
    List<List<String>> contents(String table) throws SQLException {
        List<List<String>> columns = platformRows("SELECT column_name FROM information_schema.columns "
                + "WHERE table_schema = 'ledger' AND table_name = '" + table + "' AND column_name <> 'written_at' "
                + "ORDER BY ordinal_position");
        String list = String.join(", ", columns.stream().map(column -> column.get(0)).toList());
        return platformRows("SELECT " + list + " FROM ledger." + table + " ORDER BY " + list);
    }

    /** The rows of a query run as the platform role, each row's columns as strings. */
    List<List<String>> platformRows(String sql) throws SQLException {
        try (Connection connection = as("ledger_platform"); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            List<List<String>> result = new ArrayList<>();
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(rows.getString(i));
                }
                result.add(row);
            }
            return result;
        }
    }
}
