package dev.ledgerstream.admin.platform;

import dev.ledgerstream.admin.conservation.InvariantCheck;
import dev.ledgerstream.admin.conservation.InvariantCount;
import dev.ledgerstream.admin.conservation.ViolationView;
import dev.ledgerstream.admin.tenant.SqlValues;
import dev.ledgerstream.admin.web.PageCursor;
import dev.ledgerstream.schemas.ledger.MintOutcome;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * The platform-wide reads. They call only the {@code platform} SECURITY DEFINER functions of the
 * ledger schema (ADR 0005): the reader role has no tenant set here, so any tenant table would raise.
 * Those functions return at most the newest 1,000 rows, which bounds how far back the quarantine
 * list can page.
 */
final class PlatformQueries {

    /** The most rows a platform function returns (V6 caps {@code max_rows} at 1,000). */
    static final int FUNCTION_MAX_ROWS = 1000;

    private static final String VIOLATION_COLUMNS = "violation_id, invariant, community_id, details::text AS details, detected_at";

    private static final String QUARANTINED_IPNS = """
            SELECT 'quarantined_ipn:' || event_id AS key, event_id AS id, received_at AS at, quarantine_reason AS reason,
                   payment_id, 'payments.ipn.quarantine.v1' AS topic, NULL AS source, canonical AS detail
            FROM platform.quarantined_webhooks(?)""";

    private static final String DEAD_LETTERS = """
            SELECT 'dead_letter:' || dlq_topic || '/' || dlq_partition || '/' || dlq_offset AS key,
                   dlq_topic || '/' || dlq_partition || '/' || dlq_offset AS id, dead_lettered_at AS at, reason,
                   NULL AS payment_id, dlq_topic AS topic,
                   CASE WHEN source_topic IS NULL THEN NULL
                        ELSE source_topic || '/' || COALESCE(source_partition::text, '?') || '/'
                             || COALESCE(source_offset::text, '?') END AS source,
                   exception AS detail
            FROM platform.dead_letters(?)""";

    private static final String SINK_REJECTS = """
            SELECT 'sink_reject:' || source_topic || '/' || source_partition || '/' || source_offset AS key,
                   source_topic || '/' || source_partition || '/' || source_offset AS id, rejected_at AS at, reason,
                   NULL AS payment_id, dead_letter_topic AS topic,
                   source_topic || '/' || source_partition || '/' || source_offset AS source,
                   CASE WHEN sql_state IS NULL THEN stage ELSE stage || ' (SQL state ' || sql_state || ')' END AS detail
            FROM platform.sink_rejects(?)""";

    private PlatformQueries() {
    }

    /** The platform totals of {@code platform.system_totals()}, by column name, exact (sums are {@code numeric}). */
    static Map<String, BigInteger> systemTotals(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT * FROM platform.system_totals()");
                ResultSet rows = statement.executeQuery()) {
            rows.next();
            Map<String, BigInteger> totals = new LinkedHashMap<>();
            for (int column = 1; column <= rows.getMetaData().getColumnCount(); column++) {
                String name = rows.getMetaData().getColumnLabel(column);
                totals.put(name, SqlValues.integer(rows, name));
            }
            return totals;
        }
    }

    /** I-13 first, then the cross-checks between the platform totals and I-9 over them. Pure. */
    static List<InvariantCheck> checks(Map<String, BigInteger> totals) {
        BigInteger minted = totals.get("minted_micro");
        BigInteger debited = totals.get("debited_micro");
        BigInteger unfunded = totals.get("usage_unfunded_micro");
        BigInteger waived = totals.get("usage_waived_micro");
        BigInteger usageDebited = totals.get("usage_debited_micro");
        List<InvariantCheck> checks = new ArrayList<>();
        checks.add(i13(totals));
        checks.add(InvariantCheck.of("I-1", "no lot's remaining balance is negative",
                totals.get("negative_lots").signum() == 0,
                InvariantCheck.figures("negative_lots", totals.get("negative_lots"))));
        checks.add(InvariantCheck.of("I-2", "every lot's minted amount is its mint entry",
                minted.equals(totals.get("minted_entries_micro")),
                InvariantCheck.figures("minted_micro", minted, "minted_entries_micro", totals.get("minted_entries_micro"))));
        checks.add(InvariantCheck.of("I-3",
                "usage debits plus unfunded plus waived (shadow mode) equal usage amounts, and match the debit entries",
                debited.equals(usageDebited)
                        && usageDebited.add(unfunded).add(waived).equals(totals.get("usage_amount_micro")),
                InvariantCheck.figures("debited_micro", debited, "usage_debited_micro", usageDebited,
                        "usage_unfunded_micro", unfunded, "usage_waived_micro", waived,
                        "usage_amount_micro", totals.get("usage_amount_micro"))));
        Map<String, BigInteger> sums = new LinkedHashMap<>(totals);
        sums.keySet().removeIf(name -> !name.endsWith("_micro"));
        checks.add(InvariantCheck.i9(sums));
        checks.add(InvariantCheck.of("I-12", "no unfunded usage", unfunded.signum() == 0,
                InvariantCheck.figures("usage_unfunded_micro", unfunded)));
        return checks;
    }

    /** Σ minted = Σ balances + Σ debited + Σ expired + Σ revoked, exactly (a sum beyond 64 bits is I-9's). */
    static InvariantCheck i13(Map<String, BigInteger> totals) {
        BigInteger minted = totals.get("minted_micro");
        Map<String, String> observed = new LinkedHashMap<>();
        for (String name : List.of("minted_micro", "balance_micro", "debited_micro", "expired_micro", "revoked_micro")) {
            observed.put(name, totals.get(name).toString());
        }
        BigInteger accounted = totals.get("balance_micro").add(totals.get("debited_micro"))
                .add(totals.get("expired_micro")).add(totals.get("revoked_micro"));
        observed.put("accounted_micro", accounted.toString());
        return InvariantCheck.of("I-13", "Σ minted = Σ balances + Σ debited + Σ expired + Σ revoked",
                accounted.equals(minted), observed);
    }

    /** Communities in id order after {@code afterId} (exclusive; null for the first page), at most {@code limit}. */
    static List<CommunitySummary> communities(Connection connection, String afterId, int limit) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT community_id::text AS community_id, lots, balance_micro, usage_events
                FROM platform.community_totals()
                WHERE ?::uuid IS NULL OR community_id > ?::uuid
                ORDER BY community_id
                LIMIT ?""")) {
            statement.setString(1, afterId);
            statement.setString(2, afterId);
            statement.setInt(3, limit);
            List<CommunitySummary> communities = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    communities.add(new CommunitySummary(rows.getString("community_id"), rows.getLong("lots"),
                            SqlValues.micro(rows, "balance_micro"), rows.getLong("usage_events")));
                }
            }
            return communities;
        }
    }

    static List<InvariantCount> violationCounts(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT * FROM platform.violation_counts()");
                ResultSet rows = statement.executeQuery()) {
            List<InvariantCount> counts = new ArrayList<>();
            while (rows.next()) {
                counts.add(new InvariantCount(rows.getString("invariant"), rows.getLong("violations"),
                        rows.getLong("system_wide"), SqlValues.instant(rows, "last_detected_at")));
            }
            counts.sort(InvariantCount.BY_NUMBER);
            return counts;
        }
    }

    static List<ViolationView> systemViolations(Connection connection, int limit) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT " + VIOLATION_COLUMNS + " FROM platform.system_violations(?)")) {
            statement.setInt(1, limit);
            return ViolationView.read(statement);
        }
    }

    static List<ReconciliationRun> reconciliationRuns(Connection connection, int limit) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT run_id::text AS run_id, kind, started_at, finished_at, replayed_from, result,
                       communities_checked, differences_count, differences::text AS differences, digests::text AS digests
                FROM platform.reconciliation_runs(?)""")) {
            statement.setInt(1, limit);
            List<ReconciliationRun> runs = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    runs.add(new ReconciliationRun(rows.getString("run_id"), rows.getString("kind"),
                            SqlValues.instant(rows, "started_at"), SqlValues.instant(rows, "finished_at"),
                            SqlValues.instant(rows, "replayed_from"), rows.getString("result"),
                            rows.getInt("communities_checked"), rows.getInt("differences_count"),
                            JsonMapper.shared().readTree(rows.getString("differences")),
                            JsonMapper.shared().readTree(rows.getString("digests"))));
                }
            }
            return runs;
        }
    }

    /** Up to {@code limit} payments that wait for a resolution, newest update first. */
    static List<UnresolvedPayment> unresolvedPayments(Connection connection, int limit) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT payment_id, community_id::text AS community_id, status, mint_outcome, price_amount,
                       price_currency, order_id, first_seen_at, updated_at
                FROM platform.payments_awaiting_resolution(?, ?)""")) {
            List<String> outcomes = MintOutcome.awaitingResolution();
            statement.setArray(1, connection.createArrayOf("text", outcomes.toArray()));
            statement.setInt(2, limit);
            List<UnresolvedPayment> payments = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    String mint = rows.getString("mint_outcome");
                    payments.add(new UnresolvedPayment(rows.getString("payment_id"), rows.getString("community_id"),
                            rows.getString("status"), mint, rows.getString("price_amount"),
                            rows.getString("price_currency"), rows.getString("order_id"),
                            SqlValues.instant(rows, "first_seen_at"), SqlValues.instant(rows, "updated_at"),
                            mint != null && outcomes.contains(mint) ? mint : "no_community"));
                }
            }
            return payments;
        }
    }

    /**
     * Up to {@code limit} items of the three kinds merged newest first, strictly after
     * {@code cursor} (whose id is the item's {@code kind:id} key). Keys compare in the "C"
     * collation in SQL and by code unit in Java, which agree on these ASCII keys.
     */
    static List<QuarantineItem> quarantine(Connection connection, PageCursor cursor, int limit) throws SQLException {
        List<Keyed> merged = new ArrayList<>();
        for (String source : List.of(QUARANTINED_IPNS, DEAD_LETTERS, SINK_REJECTS)) {
            merged.addAll(quarantineOf(connection, source, cursor, limit));
        }
        merged.sort(Comparator.comparing(Keyed::at).thenComparing(Keyed::key).reversed());
        return merged.stream().limit(limit).map(Keyed::item).toList();
    }

    static PageCursor cursorOf(QuarantineItem item) {
        return new PageCursor(item.at(), item.kind() + ":" + item.id());
    }

    private static List<Keyed> quarantineOf(Connection connection, String source, PageCursor cursor, int limit)
            throws SQLException {
        String sql = "SELECT * FROM (" + source + ") item"
                + (cursor == null ? "" : " WHERE (item.at, item.key COLLATE \"C\") < (?, ? COLLATE \"C\")")
                + " ORDER BY item.at DESC, item.key COLLATE \"C\" DESC LIMIT ?";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int index = 1;
            statement.setInt(index++, FUNCTION_MAX_ROWS);
            if (cursor != null) {
                SqlValues.setInstant(statement, index++, cursor.at());
                statement.setString(index++, cursor.id());
            }
            statement.setInt(index, limit);
            List<Keyed> items = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    String key = rows.getString("key");
                    QuarantineItem item = new QuarantineItem(key.substring(0, key.indexOf(':')), rows.getString("id"),
                            SqlValues.instant(rows, "at"), rows.getString("reason"), rows.getString("payment_id"),
                            rows.getString("topic"), rows.getString("source"), rows.getString("detail"));
                    items.add(new Keyed(item.at(), key, item));
                }
            }
            return items;
        }
    }

    private record Keyed(Instant at, String key, QuarantineItem item) {
    }
}
