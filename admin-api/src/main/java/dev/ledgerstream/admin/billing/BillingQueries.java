package dev.ledgerstream.admin.billing;

import dev.ledgerstream.admin.tenant.SqlValues;
import dev.ledgerstream.admin.usage.Rollups;
import dev.ledgerstream.admin.web.PageCursor;
import dev.ledgerstream.admin.web.TimeWindow;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The billing summary's and the transaction list's SQL. */
final class BillingQueries {

    /**
     * Every lot with its balance, and the lifetime totals as window sums over all of them, in one
     * statement; only the first {@code limit} lots are returned. The balance follows the definition
     * of the view {@code ledger.lot_balances} (remaining = minted − debited − expired − revoked;
     * status revoked, else expired, else active) but reads each lot's sums from {@code lot_totals},
     * which the database keeps as entries are inserted (ADR 0019): its cost is the community's lots,
     * not its entries. That both agree is asserted in {@code CommunityFiguresIT} and {@code UsageFiguresIT}.
     */
    private static final String LOTS = """
            WITH balances AS (
                SELECT lot.lot_id, lot.source, lot.payment_id, lot.grant_id, lot.created_at, lot.expires_at,
                       lot.minted_micro, COALESCE(t.debited_micro, 0) AS debited_micro,
                       COALESCE(t.expired_micro, 0) AS expired_micro, COALESCE(t.revoked_micro, 0) AS revoked_micro,
                       lot.minted_micro - COALESCE(t.debited_micro, 0) - COALESCE(t.expired_micro, 0)
                           - COALESCE(t.revoked_micro, 0) AS remaining_micro,
                       CASE WHEN COALESCE(t.revoked, false) THEN 'revoked'
                            WHEN COALESCE(t.expired, false) THEN 'expired' ELSE 'active' END AS status
                FROM ledger.credit_lots lot
                LEFT JOIN ledger.lot_totals t ON t.lot_id = lot.lot_id AND t.community_id = lot.community_id
                WHERE lot.community_id = ?)
            SELECT *, count(*) OVER () AS lot_count,
                   sum(minted_micro) OVER () AS total_minted, sum(debited_micro) OVER () AS total_debited,
                   sum(expired_micro) OVER () AS total_expired, sum(revoked_micro) OVER () AS total_revoked,
                   sum(remaining_micro) OVER () AS total_remaining
            FROM balances
            ORDER BY (status = 'active' AND remaining_micro > 0) DESC, expires_at ASC NULLS LAST, created_at, lot_id
            LIMIT ?""";

    private static final String TRANSACTIONS = """
            SELECT e.entry_id, e.entry_type, e.amount_micro, e.lot_id, e.payment_id, e.grant_id, e.finalization_id,
                   e.occurred_at, u.pool_id, u.nft_id
            FROM ledger.lot_entries e
            LEFT JOIN ledger.usage_events u ON u.community_id = e.community_id AND u.finalization_id = e.finalization_id
            WHERE e.community_id = ? AND e.occurred_at >= ? AND e.occurred_at < ? %s
            ORDER BY e.occurred_at DESC, e.entry_id DESC
            LIMIT ?""";

    private static final String AFTER_CURSOR = "AND (e.occurred_at, e.entry_id) < (?, ?)";

    private BillingQueries() {
    }

    /** The lots, lifetime totals and lot count; an empty summary for a community without lots. */
    static Lots lots(Connection connection, UUID community, int limit) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(LOTS)) {
            SqlValues.setUuid(statement, 1, community);
            statement.setInt(2, limit);
            List<BillingReport.LotView> lots = new ArrayList<>();
            long count = 0;
            BigInteger[] totals = {BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO};
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    lots.add(new BillingReport.LotView(rows.getString("lot_id"), rows.getString("source"),
                            rows.getString("payment_id"), rows.getString("grant_id"), SqlValues.instant(rows, "created_at"),
                            SqlValues.instant(rows, "expires_at"), SqlValues.micro(rows, "minted_micro"),
                            SqlValues.micro(rows, "debited_micro"), SqlValues.micro(rows, "expired_micro"),
                            SqlValues.micro(rows, "revoked_micro"), SqlValues.micro(rows, "remaining_micro"),
                            rows.getString("status")));
                    count = rows.getLong("lot_count");
                    totals = new BigInteger[] {SqlValues.integer(rows, "total_minted"),
                        SqlValues.integer(rows, "total_debited"), SqlValues.integer(rows, "total_expired"),
                        SqlValues.integer(rows, "total_revoked"), SqlValues.integer(rows, "total_remaining")};
                }
            }
            return new Lots(lots, count, totals[0], totals[1], totals[2], totals[3], totals[4]);
        }
    }

    /** Usage recorded in {@code [from, to)}: the burn rate's numerator. */
    static BigInteger spend(Connection connection, UUID community, Instant from, Instant to) throws SQLException {
        return Rollups.spend(connection, community, new TimeWindow(from, to));
    }

    /** Up to {@code limit} entries in the window, newest first, strictly after {@code cursor} when given. */
    static List<TransactionView> transactions(Connection connection, UUID community, TimeWindow window,
            PageCursor cursor, int limit) throws SQLException {
        String sql = TRANSACTIONS.formatted(cursor == null ? "" : AFTER_CURSOR);
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int index = 1;
            SqlValues.setUuid(statement, index++, community);
            SqlValues.setInstant(statement, index++, window.from());
            SqlValues.setInstant(statement, index++, window.to());
            if (cursor != null) {
                SqlValues.setInstant(statement, index++, cursor.at());
                statement.setString(index++, cursor.id());
            }
            statement.setInt(index, limit);
            List<TransactionView> transactions = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    transactions.add(new TransactionView(rows.getString("entry_id"), rows.getString("entry_type"),
                            SqlValues.micro(rows, "amount_micro"), rows.getString("lot_id"), rows.getString("payment_id"),
                            rows.getString("grant_id"), rows.getString("finalization_id"), rows.getString("pool_id"),
                            rows.getString("nft_id"), SqlValues.instant(rows, "occurred_at")));
                }
            }
            return transactions;
        }
    }

    static PageCursor cursorOf(TransactionView transaction) {
        return new PageCursor(transaction.occurredAt(), transaction.entryId());
    }

    /** The listed lots and the totals over all of the community's lots. */
    record Lots(List<BillingReport.LotView> listed, long count, BigInteger mintedMicro, BigInteger debitedMicro,
            BigInteger expiredMicro, BigInteger revokedMicro, BigInteger remainingMicro) {
    }
}
