package dev.ledgerstream.admin.conservation;

import dev.ledgerstream.admin.tenant.SqlValues;
import dev.ledgerstream.admin.web.PageCursor;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The community conservation report's SQL: each table's sums taken separately, so that they check
 * each other (the lots' minted amounts against their mint entries, the usage events' debits against
 * the debit entries), and the recorded violations.
 */
final class ConservationQueries {

    private static final String TOTALS = """
            SELECT lots.minted_micro AS lots_minted_micro, lots.negative_lots, lots.spent_then_revoked_lots,
                   entries.minted_micro, entries.debited_micro, entries.expired_micro, entries.revoked_micro,
                   usage.events, usage.amount_micro, usage.debited_micro AS usage_debited_micro,
                   usage.unfunded_micro, usage.waived_micro, usage.guard_failed
            FROM (SELECT COALESCE(sum(minted_micro), 0) AS minted_micro,
                         count(*) FILTER (WHERE remaining_micro < 0) AS negative_lots,
                         count(*) FILTER (WHERE status = 'revoked' AND debited_micro > 0) AS spent_then_revoked_lots
                  FROM ledger.lot_balances WHERE community_id = ?) lots,
                 (SELECT COALESCE(sum(amount_micro) FILTER (WHERE entry_type = 'lot_minted'), 0) AS minted_micro,
                         COALESCE(sum(amount_micro) FILTER (WHERE entry_type = 'lot_debited'), 0) AS debited_micro,
                         COALESCE(sum(amount_micro) FILTER (WHERE entry_type = 'lot_expired'), 0) AS expired_micro,
                         COALESCE(sum(amount_micro) FILTER (WHERE entry_type = 'lot_revoked'), 0) AS revoked_micro
                  FROM ledger.lot_entries WHERE community_id = ?) entries,
                 (SELECT count(*) AS events, COALESCE(sum(amount_micro), 0) AS amount_micro,
                         COALESCE(sum(debited_micro), 0) AS debited_micro,
                         COALESCE(sum(unfunded_micro), 0) AS unfunded_micro,
                         COALESCE(sum(waived_micro), 0) AS waived_micro,
                         count(*) FILTER (WHERE guard_result = 'fail') AS guard_failed
                  FROM ledger.usage_events WHERE community_id = ?) usage""";

    private static final String COUNTS = """
            SELECT invariant, count(*) AS violations, max(detected_at) AS last_detected_at
            FROM ledger.guard_violations
            WHERE community_id = ?
            GROUP BY invariant""";

    private static final String VIOLATIONS = """
            SELECT violation_id, invariant, community_id, details::text AS details, detected_at
            FROM ledger.guard_violations
            WHERE community_id = ? %s %s
            ORDER BY detected_at DESC, violation_id DESC
            LIMIT ?""";

    private ConservationQueries() {
    }

    static Totals totals(Connection connection, UUID community) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(TOTALS)) {
            for (int i = 1; i <= 3; i++) {
                SqlValues.setUuid(statement, i, community);
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return new Totals(SqlValues.integer(rows, "lots_minted_micro"), rows.getLong("negative_lots"),
                        rows.getLong("spent_then_revoked_lots"), SqlValues.integer(rows, "minted_micro"),
                        SqlValues.integer(rows, "debited_micro"), SqlValues.integer(rows, "expired_micro"),
                        SqlValues.integer(rows, "revoked_micro"), rows.getLong("events"),
                        SqlValues.integer(rows, "amount_micro"), SqlValues.integer(rows, "usage_debited_micro"),
                        SqlValues.integer(rows, "unfunded_micro"), SqlValues.integer(rows, "waived_micro"),
                        rows.getLong("guard_failed"));
            }
        }
    }

    static List<InvariantCount> counts(Connection connection, UUID community) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(COUNTS)) {
            SqlValues.setUuid(statement, 1, community);
            List<InvariantCount> counts = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    counts.add(new InvariantCount(rows.getString("invariant"), rows.getLong("violations"), null,
                            SqlValues.instant(rows, "last_detected_at")));
                }
            }
            counts.sort(InvariantCount.BY_NUMBER);
            return counts;
        }
    }

    /** Up to {@code limit} violations, newest first, of one invariant when given, after {@code cursor} when given. */
    static List<ViolationView> violations(Connection connection, UUID community, String invariant, PageCursor cursor,
            int limit) throws SQLException {
        String sql = VIOLATIONS.formatted(invariant == null ? "" : "AND invariant = ?",
                cursor == null ? "" : "AND (detected_at, violation_id) < (?, ?)");
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int index = 1;
            SqlValues.setUuid(statement, index++, community);
            if (invariant != null) {
                statement.setString(index++, invariant);
            }
            if (cursor != null) {
                SqlValues.setInstant(statement, index++, cursor.at());
                statement.setString(index++, cursor.id());
            }
            statement.setInt(index, limit);
            return ViolationView.read(statement);
        }
    }

    static PageCursor cursorOf(ViolationView violation) {
        return new PageCursor(violation.detectedAt(), violation.violationId());
    }

    /** The community's sums, each from its own table, exact (summed as {@code numeric}). */
    record Totals(BigInteger lotsMintedMicro, long negativeLots, long spentThenRevokedLots, BigInteger mintedMicro,
            BigInteger debitedMicro, BigInteger expiredMicro, BigInteger revokedMicro, long usageEvents,
            BigInteger usageAmountMicro, BigInteger usageDebitedMicro, BigInteger usageUnfundedMicro,
            BigInteger usageWaivedMicro, long usageGuardFailed) {

        BigInteger balanceMicro() {
            return mintedMicro.subtract(debitedMicro).subtract(expiredMicro).subtract(revokedMicro);
        }

        /** The checks of SPEC 5.4 that one community's stored ledger can show. Pure. */
        List<InvariantCheck> checks() {
            BigInteger balance = balanceMicro();
            List<InvariantCheck> checks = new ArrayList<>();
            checks.add(InvariantCheck.of("I-1", "no lot's remaining balance is negative", negativeLots == 0,
                    InvariantCheck.figures("negative_lots", Long.toString(negativeLots))));
            checks.add(InvariantCheck.of("I-2",
                    "the balance is minted − debited − expired − revoked, and every lot's minted amount is its mint entry",
                    lotsMintedMicro.equals(mintedMicro) && balance.signum() >= 0,
                    InvariantCheck.figures("lots_minted_micro", lotsMintedMicro, "minted_micro", mintedMicro,
                            "balance_micro", balance)));
            checks.add(InvariantCheck.of("I-3",
                    "usage debits plus unfunded plus waived (shadow mode) equal usage amounts, and match the debit entries",
                    usageDebitedMicro.equals(debitedMicro)
                            && usageDebitedMicro.add(usageUnfundedMicro).add(usageWaivedMicro).equals(usageAmountMicro),
                    InvariantCheck.figures("usage_amount_micro", usageAmountMicro,
                            "usage_debited_micro", usageDebitedMicro,
                            "usage_unfunded_micro", usageUnfundedMicro,
                            "usage_waived_micro", usageWaivedMicro,
                            "debited_micro", debitedMicro)));
            checks.add(InvariantCheck.i9(sums()));
            checks.add(InvariantCheck.of("I-12", "no unfunded usage and no spent-then-refunded credit",
                    usageUnfundedMicro.signum() == 0 && spentThenRevokedLots == 0,
                    InvariantCheck.figures("usage_unfunded_micro", usageUnfundedMicro,
                            "spent_then_refunded_lots", Long.toString(spentThenRevokedLots))));
            return checks;
        }

        /** The sums by name, as reported and as I-9 checks them. */
        Map<String, BigInteger> sums() {
            Map<String, BigInteger> sums = new LinkedHashMap<>();
            sums.put("minted_micro", mintedMicro);
            sums.put("debited_micro", debitedMicro);
            sums.put("expired_micro", expiredMicro);
            sums.put("revoked_micro", revokedMicro);
            sums.put("balance_micro", balanceMicro());
            sums.put("usage_amount_micro", usageAmountMicro);
            sums.put("usage_debited_micro", usageDebitedMicro);
            sums.put("usage_unfunded_micro", usageUnfundedMicro);
            sums.put("usage_waived_micro", usageWaivedMicro);
            return sums;
        }

        Map<String, String> asFigures() {
            Map<String, String> figures = new LinkedHashMap<>();
            sums().forEach((name, sum) -> figures.put(name, sum.toString()));
            return figures;
        }
    }
}
