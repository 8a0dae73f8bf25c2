package dev.ledgerstream.reconcile;

import dev.ledgerstream.reconcile.LedgerRow.Kind;
import dev.ledgerstream.schemas.LedgerJson;
import dev.ledgerstream.sink.write.DatabaseSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Properties;

/**
 * The reconcile tool's one connection to the ledger. It reads every tenant's rows as
 * {@code ledger_platform} (whose policies see all rows; the login must be a member, as the login
 * that ran the migrations is), in one read-only repeatable-read transaction, so that all kinds are
 * read from the same snapshot; rows stream through a cursor, never all at once. It records runs
 * as {@code ledger_writer}.
 */
final class PostgresLedger implements AutoCloseable {

    private static final int FETCH_SIZE = 2_000;

    private final Connection connection;

    PostgresLedger(DatabaseSettings database) throws SQLException {
        Properties login = new Properties();
        login.setProperty("user", database.user());
        login.setProperty("password", database.password());
        login.setProperty("ApplicationName", "ledgerstream-reconcile");
        login.setProperty("connectTimeout", Long.toString(Math.max(1, database.connectTimeout().toSeconds())));
        this.connection = DriverManager.getConnection(database.jdbcUrl(), login);
        connection.setAutoCommit(false);
    }

    /** Starts the snapshot every {@link #rows} call reads from. */
    void beginSnapshot() throws SQLException {
        connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        connection.setReadOnly(true);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET LOCAL ROLE ledger_platform");
            // A repeatable-read snapshot is taken by the first query, not by BEGIN.
            statement.execute("SELECT 1");
        }
    }

    /** Ends the snapshot. */
    void endSnapshot() throws SQLException {
        connection.rollback();
        connection.setReadOnly(false);
    }

    /** The rows of one kind, in comparison order, read lazily; read each to its end before the next. */
    Iterator<LedgerRow> rows(Kind kind) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(RowForms.QUERIES.get(kind));
        statement.setFetchSize(FETCH_SIZE);
        ResultSet rows = statement.executeQuery();
        return new Iterator<>() {
            private Boolean ahead;

            @Override
            public boolean hasNext() {
                try {
                    if (ahead == null) {
                        ahead = rows.next();
                        if (!ahead) {
                            statement.close();
                        }
                    }
                    return ahead;
                } catch (SQLException e) {
                    throw new IllegalStateException("reading " + kind.table + " failed: " + e.getMessage(), e);
                }
            }

            @Override
            public LedgerRow next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                ahead = null;
                try {
                    return RowForms.read(kind, rows);
                } catch (SQLException e) {
                    throw new IllegalStateException("reading " + kind.table + " failed: " + e.getMessage(), e);
                }
            }
        };
    }

    /** True when no table of the ledger holds a row: the only database a rebuild writes into. */
    boolean isEmpty() throws SQLException {
        beginSnapshot();
        try (Statement statement = connection.createStatement();
                ResultSet found = statement.executeQuery("""
                        SELECT EXISTS (SELECT 1 FROM ledger.credit_lots) OR EXISTS (SELECT 1 FROM ledger.lot_entries)
                            OR EXISTS (SELECT 1 FROM ledger.usage_events) OR EXISTS (SELECT 1 FROM ledger.webhook_events)
                            OR EXISTS (SELECT 1 FROM ledger.crypto_payments)
                            OR EXISTS (SELECT 1 FROM ledger.crypto_payment_outcomes)
                            OR EXISTS (SELECT 1 FROM ledger.guard_violations)""")) {
            found.next();
            return !found.getBoolean(1);
        } finally {
            endSnapshot();
        }
    }

    /** Appends the run to {@code reconciliation_runs}. */
    void record(ReconcileReport report) throws SQLException {
        try (Statement role = connection.createStatement()) {
            role.execute("SET LOCAL ROLE ledger_writer");
        }
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO ledger.reconciliation_runs (run_id, kind, started_at, finished_at, replayed_from, result,
                    communities_checked, differences_count, differences, digests)
                VALUES (?::uuid, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb)""")) {
            insert.setString(1, report.runId().toString());
            insert.setString(2, report.kind());
            insert.setObject(3, utc(report.startedAt()));
            insert.setObject(4, utc(report.finishedAt()));
            insert.setObject(5, report.replayedFrom() == null ? null : utc(report.replayedFrom()));
            insert.setString(6, report.result());
            insert.setInt(7, report.communitiesChecked());
            insert.setInt(8, (int) Math.min(Integer.MAX_VALUE, report.differencesCount()));
            insert.setString(9, LedgerJson.mapper().writeValueAsString(report.differences()));
            insert.setString(10, LedgerJson.mapper().writeValueAsString(report.digests()));
            insert.executeUpdate();
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
