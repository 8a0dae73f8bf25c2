package dev.ledgerstream.sink.write;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a batch of records to the ledger in one database transaction (ADR 0005):
 * <ol>
 *   <li>decode every record with its topic's serde; one that does not decode is a reject;</li>
 *   <li>COPY the rows into the session's staging tables, one COPY per table;</li>
 *   <li>move them into the ledger with {@code INSERT … SELECT … ON CONFLICT DO NOTHING}: the tables
 *       without a community at once, the tenant tables once per community of the batch, each after
 *       {@code SET LOCAL app.community_id}, so that row-level security checks every row against the
 *       scope it was written under; all these statements travel as one JDBC batch;</li>
 *   <li>when PostgreSQL refuses the batch for data reasons, write it again record by record, each
 *       under a savepoint, and reject the records it refuses;</li>
 *   <li>write the rejects to {@code sink_rejects}, hand them to {@code beforeCommit} (which
 *       dead-letters them), and commit.</li>
 * </ol>
 * A redelivered batch inserts nothing new. Not thread-safe: one writer per consumer thread.
 */
public final class LedgerWriter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LedgerWriter.class);

    private final DatabaseSettings database;
    private final String applicationName;
    private final Clock clock;
    private WriterSession session;

    /** Called with the batch's rejects after they are staged and before the commit; a failure aborts the batch. */
    @FunctionalInterface
    public interface BeforeCommit {

        BeforeCommit NOTHING = rejects -> { };

        void run(List<Reject> rejects) throws Exception;
    }

    public LedgerWriter(DatabaseSettings database, String applicationName, Clock clock) {
        this.database = database;
        this.applicationName = applicationName;
        this.clock = clock;
    }

    /** Writes {@code records} in one transaction, or throws and leaves nothing of them behind. */
    public WriteResult write(List<SinkRecord> records, BeforeCommit beforeCommit) throws WriteFailure {
        List<Decoded> decoded = new ArrayList<>(records.size());
        List<Reject> rejects = new ArrayList<>();
        for (SinkRecord record : records) {
            try {
                decoded.add(Decoded.of(record));
            } catch (Decoded.UndecodableRecordException e) {
                rejects.add(new Reject(record, Reject.DECODE, null, e.getMessage()));
            }
        }
        WriterSession current = session();
        try {
            Counts counts = new Counts();
            RowSet rows = RowSet.of(decoded);
            writeSteps(current, rows, counts);
            return finish(current, records.size(), counts, rows.receipts(), rejects, beforeCommit);
        } catch (SQLException e) {
            current.rollbackQuietly();
            FailureKind kind = SqlFailures.classify(e);
            if (kind != FailureKind.DATA) {
                throw failure(kind, "writing a batch of " + records.size() + " records", e);
            }
            log.info("PostgreSQL refused a batch of {} records ({}); writing them one by one to find the culprit",
                    records.size(), SqlFailures.describe(e));
            return writeIsolated(current, records.size(), decoded, rejects, beforeCommit);
        }
    }

    /** Opens the session when there is none and runs a trivial query; throws when PostgreSQL does not answer. */
    public void probe() throws WriteFailure {
        WriterSession current = session();
        try (PreparedStatement statement = current.connection().prepareStatement("SELECT 1")) {
            statement.executeQuery().close();
            current.connection().rollback();
        } catch (SQLException e) {
            throw failure(SqlFailures.classify(e) == FailureKind.TRANSIENT ? FailureKind.TRANSIENT : FailureKind.PERMANENT,
                    "probing PostgreSQL", e);
        }
    }

    @Override
    public void close() {
        if (session != null) {
            session.close();
            session = null;
        }
    }

    /** Each record under its own savepoint: the ones PostgreSQL refuses for their data become rejects. */
    private WriteResult writeIsolated(WriterSession current, int records, List<Decoded> decoded, List<Reject> rejects,
            BeforeCommit beforeCommit) throws WriteFailure {
        try {
            Counts counts = new Counts();
            List<WriteResult.Receipt> receipts = new ArrayList<>();
            for (Decoded record : decoded) {
                Savepoint savepoint = current.connection().setSavepoint();
                Counts one = new Counts();
                RowSet rows = RowSet.of(List.of(record));
                try {
                    writeSteps(current, rows, one);
                    current.connection().releaseSavepoint(savepoint);
                    counts.add(one);
                    receipts.addAll(rows.receipts());
                } catch (SQLException e) {
                    if (SqlFailures.classify(e) != FailureKind.DATA) {
                        throw e;
                    }
                    current.connection().rollback(savepoint);
                    log.warn("PostgreSQL refused {}: {}", record.source().coordinates(), SqlFailures.describe(e));
                    rejects.add(new Reject(record.source(), Reject.DATABASE, SqlFailures.cause(e).getSQLState(),
                            SqlFailures.describe(e)));
                }
            }
            return finish(current, records, counts, receipts, rejects, beforeCommit);
        } catch (SQLException e) {
            current.rollbackQuietly();
            FailureKind kind = SqlFailures.classify(e);
            // A data failure here is in the sink's own rows (its rejects): retried, and logged as an error.
            throw failure(kind == FailureKind.DATA ? FailureKind.PERMANENT : kind,
                    "writing a batch of " + records + " records one by one", e);
        }
    }

    private WriteResult finish(WriterSession current, int records, Counts counts, List<WriteResult.Receipt> receipts,
            List<Reject> rejects, BeforeCommit beforeCommit) throws SQLException, WriteFailure {
        if (!rejects.isEmpty()) {
            writeUnit(current, RowSet.ofRejects(rejects, clock.instant()), counts);
        }
        try {
            beforeCommit.run(List.copyOf(rejects));
        } catch (Exception e) {
            current.rollbackQuietly();
            throw new WriteFailure(FailureKind.TRANSIENT, "dead-lettering " + rejects.size() + " rejects failed: " + e,
                    e);
        }
        current.connection().commit();
        return new WriteResult(records, counts.offered, counts.written, rejects, receipts, clock.instant());
    }

    /** Writes the set, then the payment states that must follow it (a refund after its finishing). */
    private static void writeSteps(WriterSession current, RowSet set, Counts counts) throws SQLException {
        for (RowSet step = set; !step.isEmpty(); step = step.laterSteps()) {
            writeUnit(current, step, counts);
        }
    }

    /**
     * Stages the rows (one COPY per table), then moves them into the ledger scope by scope and empties
     * the staging tables again, all of that as one JDBC batch: one round trip, whatever the number of
     * communities.
     */
    private static void writeUnit(WriterSession current, RowSet set, Counts counts) throws SQLException {
        Map<LedgerTable, List<Row>> rows = set.rows();
        Map<String, Set<LedgerTable>> scopes = new TreeMap<>();
        for (Map.Entry<LedgerTable, List<Row>> table : rows.entrySet()) {
            current.stage(table.getKey(), table.getValue());
            counts.offer(table.getKey(), table.getValue().size());
            if (table.getKey().tenantScoped()) {
                for (Row row : table.getValue()) {
                    scopes.computeIfAbsent(scopeKey(row.communityId()), key -> EnumSet.noneOf(LedgerTable.class))
                            .add(table.getKey());
                }
            }
        }
        List<LedgerTable> countedAs = new ArrayList<>();
        try (Statement batch = current.connection().createStatement()) {
            for (LedgerTable table : rows.keySet()) {
                if (!table.tenantScoped()) {
                    batch.addBatch(table.insertSql(null));
                    countedAs.add(table);
                }
            }
            for (Map.Entry<String, Set<LedgerTable>> scope : scopes.entrySet()) {
                String communityId = scope.getKey().isEmpty() ? null : scope.getKey();
                batch.addBatch(Scopes.setLocal(communityId));
                countedAs.add(null);
                for (LedgerTable table : scope.getValue()) {
                    batch.addBatch(table.insertSql(communityId));
                    countedAs.add(table);
                }
            }
            for (LedgerTable table : rows.keySet()) {
                batch.addBatch(table.clearStagingSql());
                countedAs.add(null);
            }
            int[] results = batch.executeBatch();
            for (int i = 0; i < results.length; i++) {
                if (countedAs.get(i) != null) {
                    counts.write(countedAs.get(i), Math.max(0, results[i]));
                }
            }
        }
    }

    /** Rows of no community sort first, under the empty key. */
    private static String scopeKey(String communityId) {
        return communityId == null ? "" : communityId;
    }

    private WriterSession session() throws WriteFailure {
        if (session != null && session.isValid()) {
            return session;
        }
        close();
        try {
            session = WriterSession.open(database, applicationName);
            return session;
        } catch (SQLException e) {
            FailureKind kind = SqlFailures.classify(e);
            throw new WriteFailure(kind == FailureKind.DATA ? FailureKind.PERMANENT : kind,
                    "connecting to PostgreSQL as " + database.user() + ": " + SqlFailures.describe(e), e);
        }
    }

    /** A failed session may be broken; the next attempt opens a new one. */
    private WriteFailure failure(FailureKind kind, String doing, SQLException e) {
        close();
        return new WriteFailure(kind, doing + " failed: " + SqlFailures.describe(e), e);
    }

    /** Rows offered and written per table. */
    private static final class Counts {

        private final Map<LedgerTable, Long> offered = new EnumMap<>(LedgerTable.class);
        private final Map<LedgerTable, Long> written = new EnumMap<>(LedgerTable.class);

        void offer(LedgerTable table, long rows) {
            offered.merge(table, rows, Long::sum);
        }

        void write(LedgerTable table, long rows) {
            written.merge(table, rows, Long::sum);
        }

        void add(Counts other) {
            other.offered.forEach(this::offer);
            other.written.forEach(this::write);
        }
    }
}
