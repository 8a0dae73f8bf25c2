package dev.ledgerstream.admin.export;

import dev.ledgerstream.admin.tenant.SqlValues;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

/**
 * The audit export's one statement: every lot entry (debits joined to their usage for pool, NFT and
 * guard result), every usage event ({@code usage_shadow} when it was recorded in shadow mode and
 * charged nothing) and every applied operator action of the community since a time, in time order
 * (an action before the lot it minted, a usage before its debits).
 * It is read through a server-side cursor, {@code fetchSize} rows at a time, so the export's memory
 * does not grow with its length: the statement runs in the request's transaction (autocommit off),
 * which is what lets the PostgreSQL driver fetch in batches instead of reading every row at once.
 */
final class AuditQuery {

    private static final String OPERATIONS = """
            SELECT ts, operation_type, amount_micro, lot_id, payment_id, finalization_id, model_pool, nft_id,
                   tokens_input, tokens_output, guard_result
            FROM (SELECT e.occurred_at AS ts, e.entry_type AS operation_type, e.amount_micro, e.lot_id, e.payment_id,
                         e.finalization_id, u.pool_id AS model_pool, u.nft_id, NULL::bigint AS tokens_input,
                         NULL::bigint AS tokens_output, u.guard_result,
                         CASE e.entry_type WHEN 'lot_minted' THEN 1 WHEN 'lot_debited' THEN 3 ELSE 4 END AS rank,
                         e.entry_id AS id
                  FROM ledger.lot_entries e
                  LEFT JOIN ledger.usage_events u
                         ON u.community_id = e.community_id AND u.finalization_id = e.finalization_id
                  WHERE e.community_id = ? AND e.occurred_at >= ?
                  UNION ALL
                  SELECT occurred_at, CASE charging_mode WHEN 'shadow' THEN 'usage_shadow' ELSE 'usage_recorded' END,
                         amount_micro, NULL, NULL, finalization_id, pool_id, nft_id,
                         tokens_input, tokens_output, guard_result, 2, finalization_id
                  FROM ledger.usage_events
                  WHERE community_id = ? AND occurred_at >= ?
                  UNION ALL
                  SELECT requested_at, 'operator_' || kind, amount_micro, lot_id, payment_id, NULL, NULL, NULL, NULL,
                         NULL, NULL, 0, outcome_id
                  FROM ledger.operator_actions
                  WHERE community_id = ? AND requested_at >= ? AND result = 'applied') operations
            ORDER BY ts, rank, id""";

    private AuditQuery() {
    }

    /** Receives the rows one at a time; nothing is collected. */
    @FunctionalInterface
    interface RowSink {
        void accept(AuditRow row) throws SQLException;
    }

    /**
     * Streams the operations since {@code since} to {@code sink}; {@code beforeFirstRow} runs once the
     * statement has executed (so a failing statement still becomes a problem answer) and before any row.
     */
    static long stream(Connection connection, UUID community, Instant since, int fetchSize, Runnable beforeFirstRow,
            RowSink sink) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(OPERATIONS, ResultSet.TYPE_FORWARD_ONLY,
                ResultSet.CONCUR_READ_ONLY)) {
            statement.setFetchSize(fetchSize);
            SqlValues.setUuid(statement, 1, community);
            SqlValues.setInstant(statement, 2, since);
            SqlValues.setUuid(statement, 3, community);
            SqlValues.setInstant(statement, 4, since);
            SqlValues.setUuid(statement, 5, community);
            SqlValues.setInstant(statement, 6, since);
            long count = 0;
            try (ResultSet rows = statement.executeQuery()) {
                beforeFirstRow.run();
                while (rows.next()) {
                    sink.accept(new AuditRow(SqlValues.instant(rows, "ts"), rows.getString("operation_type"),
                            rows.getLong("amount_micro"), rows.getString("lot_id"), rows.getString("payment_id"),
                            rows.getString("finalization_id"), rows.getString("model_pool"), rows.getString("nft_id"),
                            SqlValues.longOrNull(rows, "tokens_input"), SqlValues.longOrNull(rows, "tokens_output"),
                            rows.getString("guard_result")));
                    count++;
                }
            }
            return count;
        }
    }
}
