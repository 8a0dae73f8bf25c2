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
import dev.ledgerstream.ledger.lots.Lot;
import dev.ledgerstream.ledger.lots.LotStatus;
import dev.ledgerstream.ledger.usage.RecordedFinalization;
import dev.ledgerstream.schemas.PaymentStatus;
import dev.ledgerstream.schemas.ledger.LotSource;
import dev.ledgerstream.schemas.ingest.ActionKind;
import dev.ledgerstream.schemas.ingest.ChargingMode;
import dev.ledgerstream.schemas.ingest.MintingMode;
import dev.ledgerstream.schemas.ledger.ActionOutcome;
import dev.ledgerstream.schemas.ledger.ActionResult;
import dev.ledgerstream.schemas.ledger.MintOutcome;
import dev.ledgerstream.schemas.ledger.PaymentOutcome;
import dev.ledgerstream.schemas.ledger.TransitionOutcome;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
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

    /**
     * The rows of one kind, in comparison order, read lazily; read each to its end before the next.
     * With {@code from}, only the rows caused at or after it ({@link RowForms#query}).
     */
    Iterator<LedgerRow> rows(Kind kind, Instant from) throws SQLException {
        boolean window = from != null && RowForms.windowed(kind);
        PreparedStatement statement = connection.prepareStatement(RowForms.query(kind, window));
        statement.setFetchSize(FETCH_SIZE);
        if (window) {
            statement.setObject(1, utc(from));
        }
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

    /**
     * Each payment's outcomes received before {@code before}, in the order they were decided
     * (receipt time, then outcome id for notifications received in the same millisecond), one
     * payment at a time.
     */
    void paymentHistories(Instant before, Consumer<List<PaymentOutcome>> into) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT outcome_id, payment_id, event_id, community_id::text AS community_id, status, previous_status,
                       outcome, mint_outcome, lot_id, credited_micro, price_amount, price_currency, order_id, occurred_at
                FROM ledger.crypto_payment_outcomes WHERE occurred_at < ?
                ORDER BY payment_id COLLATE "C", occurred_at, outcome_id COLLATE "C\"""")) {
            statement.setFetchSize(FETCH_SIZE);
            statement.setObject(1, utc(before));
            try (ResultSet rows = statement.executeQuery()) {
                List<PaymentOutcome> history = new ArrayList<>();
                while (rows.next()) {
                    PaymentOutcome outcome = new PaymentOutcome(rows.getString("outcome_id"), rows.getString("payment_id"),
                            rows.getString("event_id"), rows.getString("community_id"),
                            PaymentStatus.ofWireName(rows.getString("status")),
                            rows.getString("previous_status") == null ? null
                                    : PaymentStatus.ofWireName(rows.getString("previous_status")),
                            TransitionOutcome.ofWireName(rows.getString("outcome")),
                            rows.getString("mint_outcome") == null ? null
                                    : MintOutcome.ofWireName(rows.getString("mint_outcome")),
                            rows.getString("lot_id"), rows.getLong("credited_micro"), rows.getString("price_amount"),
                            rows.getString("price_currency"), rows.getString("order_id"),
                            rows.getObject("occurred_at", OffsetDateTime.class).toInstant());
                    if (!history.isEmpty() && !history.get(0).paymentId().equals(outcome.paymentId())) {
                        into.accept(List.copyOf(history));
                        history.clear();
                    }
                    history.add(outcome);
                }
                if (!history.isEmpty()) {
                    into.accept(List.copyOf(history));
                }
            }
        }
    }

    /**
     * The applied releases and dismissals requested before {@code before}, which a resumed payment
     * state folds in ({@code PaymentDecider#resolved}).
     */
    void resolutionsBefore(Instant before, Consumer<ActionOutcome> into) throws SQLException {
        appliedBefore("'release', 'dismiss'", before, into);
    }

    /**
     * The charging modes the ledger applied before {@code before}, in the order they were requested,
     * for a replay that resumes from a time to fold in ({@code ReplayLedger#restoreMode}).
     */
    void modesBefore(Instant before, Consumer<ActionOutcome> into) throws SQLException {
        appliedBefore("'set_charging_mode'", before, into);
    }

    /** The applied actions of {@code kinds} (a constant SQL list) requested before {@code before}, oldest first. */
    private void appliedBefore(String kinds, Instant before, Consumer<ActionOutcome> into) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT outcome_id, action_id, idempotency_key, kind, result, detail, community_id::text AS community_id,
                       payment_id, lot_id, amount_micro, expires_at, charging, minting, actor, reason, requested_at
                FROM ledger.operator_actions
                WHERE result = 'applied' AND kind IN (%s) AND requested_at < ?
                ORDER BY requested_at, outcome_id COLLATE "C\"""".formatted(kinds))) {
            statement.setObject(1, utc(before));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    OffsetDateTime expires = rows.getObject("expires_at", OffsetDateTime.class);
                    String charging = rows.getString("charging");
                    String minting = rows.getString("minting");
                    into.accept(new ActionOutcome(rows.getString("outcome_id"), rows.getString("action_id"),
                            rows.getString("idempotency_key"), ActionKind.ofWireName(rows.getString("kind")),
                            ActionResult.ofWireName(rows.getString("result")), rows.getString("detail"),
                            rows.getString("community_id"), rows.getString("payment_id"), rows.getString("lot_id"),
                            rows.getLong("amount_micro"), expires == null ? null : expires.toInstant(),
                            charging == null ? null : ChargingMode.ofWireName(charging),
                            minting == null ? null : MintingMode.ofWireName(minting),
                            rows.getString("actor"), rows.getString("reason"),
                            rows.getObject("requested_at", OffsetDateTime.class).toInstant()));
                }
            }
        }
    }

    /**
     * Every lot created before {@code before}, with what its entries caused before then
     * ({@link RowForms#ENTRY_CAUSED_AT}) debited, expired and revoked, in comparison order.
     */
    void lotsBefore(Instant before, Consumer<Lot> into) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT l.community_id::text AS community_id, l.lot_id, l.source, l.payment_id, l.grant_id,
                       l.minted_micro, l.created_at, l.expires_at,
                       COALESCE(sum(e.amount_micro) FILTER (WHERE e.entry_type = 'lot_debited'), 0) AS debited_micro,
                       COALESCE(sum(e.amount_micro) FILTER (WHERE e.entry_type = 'lot_expired'), 0) AS expired_micro,
                       COALESCE(sum(e.amount_micro) FILTER (WHERE e.entry_type = 'lot_revoked'), 0) AS revoked_micro,
                       COALESCE(bool_or(e.entry_type = 'lot_expired'), false) AS expired,
                       COALESCE(bool_or(e.entry_type = 'lot_revoked'), false) AS revoked
                FROM ledger.credit_lots l
                LEFT JOIN (SELECT e.lot_id, e.entry_type, e.amount_micro
                           FROM ledger.lot_entries e
                           LEFT JOIN ledger.usage_events u ON e.entry_type = 'lot_debited'
                               AND u.community_id = e.community_id AND u.finalization_id = e.finalization_id
                           WHERE e.entry_type <> 'lot_minted' AND\s""" + RowForms.ENTRY_CAUSED_AT + """
                            < ?) e ON e.lot_id = l.lot_id
                WHERE l.created_at < ?
                GROUP BY l.lot_id
                ORDER BY l.community_id::text COLLATE "C", l.lot_id COLLATE "C\"""")) {
            statement.setFetchSize(FETCH_SIZE);
            statement.setObject(1, utc(before));
            statement.setObject(2, utc(before));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    long minted = rows.getLong("minted_micro");
                    long debited = rows.getLong("debited_micro");
                    long expired = rows.getLong("expired_micro");
                    long revoked = rows.getLong("revoked_micro");
                    LotStatus status = rows.getBoolean("revoked") ? LotStatus.REVOKED
                            : rows.getBoolean("expired") ? LotStatus.EXPIRED : LotStatus.ACTIVE;
                    OffsetDateTime expires = rows.getObject("expires_at", OffsetDateTime.class);
                    into.accept(new Lot(rows.getString("lot_id"), rows.getString("community_id"),
                            LotSource.ofWireName(rows.getString("source")), rows.getString("payment_id"),
                            rows.getString("grant_id"), minted, minted - debited - expired - revoked, debited, expired,
                            revoked, rows.getObject("created_at", OffsetDateTime.class).toInstant(),
                            expires == null ? null : expires.toInstant(), status));
                }
            }
        }
    }

    /** Every usage event received before {@code before}, as the dedup step recorded it, in receipt order. */
    void finalizationsBefore(Instant before, Consumer<RecordedFinalization> into) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT finalization_id, community_id::text AS community_id, content_hash, created_at
                FROM ledger.usage_events WHERE created_at < ?
                ORDER BY created_at, community_id::text COLLATE "C\"""")) {
            statement.setFetchSize(FETCH_SIZE);
            statement.setObject(1, utc(before));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    into.accept(new RecordedFinalization(rows.getString("finalization_id"),
                            rows.getString("community_id"), rows.getString("content_hash"),
                            rows.getObject("created_at", OffsetDateTime.class).toInstant()));
                }
            }
        }
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
