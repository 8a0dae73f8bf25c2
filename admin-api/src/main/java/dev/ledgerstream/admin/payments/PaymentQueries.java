package dev.ledgerstream.admin.payments;

import dev.ledgerstream.admin.tenant.SqlValues;
import dev.ledgerstream.admin.web.PageCursor;
import dev.ledgerstream.admin.web.TimeWindow;
import dev.ledgerstream.schemas.ledger.MintOutcome;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The payment list's SQL: a page of current states (keyset on the immutable
 * {@code (first_seen_at, payment_id)}, so a payment that moves on does not move between pages),
 * then the history of exactly those payments in one query. What usage spent from a lot is summed
 * for refunded payments only, where it matters (I-12) and where the lot can no longer change: for a
 * live lot it would cost a pass over every debit of the lot for each payment listed.
 */
final class PaymentQueries {

    private static final String ATTENTION = """
            AND (p.status = 'partially_paid'
                 OR (p.mint_outcome IN (%s) AND r.kind IS NULL)
                 OR (p.status = 'refunded' AND COALESCE(spent.debited_micro, 0) > 0))""".formatted(
            MintOutcome.awaitingResolution().stream().map(outcome -> "'" + outcome + "'")
                    .collect(Collectors.joining(", ")));

    private static final String PAYMENTS = """
            SELECT p.payment_id, p.status, p.mint_outcome, COALESCE(p.lot_id, r.lot_id) AS lot_id,
                   CASE WHEN p.lot_id IS NULL AND r.lot_id IS NOT NULL THEN r.amount_micro
                        ELSE p.credited_micro END AS credited_micro,
                   p.price_amount, p.price_currency, p.order_id, p.first_seen_at, p.updated_at,
                   spent.debited_micro AS spent_micro, r.kind AS resolution, r.actor AS resolved_by,
                   r.reason AS resolution_reason, r.requested_at AS resolved_at
            FROM ledger.crypto_payments p
            LEFT JOIN ledger.operator_actions r ON r.payment_id = p.payment_id AND r.community_id = p.community_id
                AND r.result = 'applied' AND r.kind IN ('release', 'dismiss')
            LEFT JOIN LATERAL (
                SELECT COALESCE(sum(e.amount_micro), 0)::bigint AS debited_micro
                FROM ledger.lot_entries e
                WHERE e.lot_id = p.lot_id AND e.community_id = p.community_id AND e.entry_type = 'lot_debited'
            ) spent ON p.status = 'refunded' AND p.lot_id IS NOT NULL
            WHERE p.community_id = ? AND p.first_seen_at >= ? AND p.first_seen_at < ? %s %s
            ORDER BY p.first_seen_at DESC, p.payment_id DESC
            LIMIT ?""";

    private static final String AFTER_CURSOR = "AND (p.first_seen_at, p.payment_id) < (?, ?)";

    private static final String HISTORY = """
            SELECT payment_id, event_id, status, previous_status, outcome, mint_outcome, occurred_at
            FROM ledger.crypto_payment_outcomes
            WHERE community_id = ? AND payment_id = ANY (?)
            ORDER BY payment_id, occurred_at, outcome_id""";

    private PaymentQueries() {
    }

    static List<PaymentView> payments(Connection connection, UUID community, TimeWindow window,
            boolean attentionOnly, PageCursor cursor, int limit) throws SQLException {
        List<Current> states = states(connection, community, window, attentionOnly, cursor, limit);
        Map<String, List<PaymentView.PaymentEvent>> histories = histories(connection, community,
                states.stream().map(Current::paymentId).toList());
        List<PaymentView> payments = new ArrayList<>();
        for (Current state : states) {
            payments.add(new PaymentView(state.paymentId(), state.status(), state.mintOutcome(),
                    Long.toString(state.creditedMicro()), state.lotId(),
                    state.spentMicro() == null ? null : Long.toString(state.spentMicro()), state.priceAmount(),
                    state.priceCurrency(), state.orderId(), state.firstSeenAt(), state.updatedAt(), attention(state),
                    state.resolution(), histories.getOrDefault(state.paymentId(), List.of())));
        }
        return payments;
    }

    static PageCursor cursorOf(PaymentView payment) {
        return new PageCursor(payment.firstSeenAt(), payment.paymentId());
    }

    /** Why a payment needs an admin, in a fixed order; the same rules as the SQL filter. */
    static List<String> attention(Current state) {
        List<String> reasons = new ArrayList<>();
        if (state.status().equals("partially_paid")) {
            reasons.add("partially_paid");
        }
        if (state.mintOutcome() != null && MintOutcome.ofWireName(state.mintOutcome()).awaitsResolution()
                && state.resolution() == null) {
            reasons.add(state.mintOutcome());
        }
        if (state.status().equals("refunded") && state.spentMicro() != null && state.spentMicro() > 0) {
            reasons.add("refunded_after_spending");
        }
        return List.copyOf(reasons);
    }

    private static List<Current> states(Connection connection, UUID community, TimeWindow window,
            boolean attentionOnly, PageCursor cursor, int limit) throws SQLException {
        String sql = PAYMENTS.formatted(attentionOnly ? ATTENTION : "", cursor == null ? "" : AFTER_CURSOR);
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
            List<Current> states = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    states.add(new Current(rows.getString("payment_id"), rows.getString("status"),
                            rows.getString("mint_outcome"), rows.getString("lot_id"), rows.getLong("credited_micro"),
                            SqlValues.longOrNull(rows, "spent_micro"), rows.getString("price_amount"),
                            rows.getString("price_currency"), rows.getString("order_id"),
                            SqlValues.instant(rows, "first_seen_at"), SqlValues.instant(rows, "updated_at"),
                            rows.getString("resolution") == null ? null : new PaymentView.Resolution(
                                    rows.getString("resolution"), rows.getString("resolved_by"),
                                    rows.getString("resolution_reason"), SqlValues.instant(rows, "resolved_at"))));
                }
            }
            return states;
        }
    }

    private static Map<String, List<PaymentView.PaymentEvent>> histories(Connection connection, UUID community,
            List<String> paymentIds) throws SQLException {
        Map<String, List<PaymentView.PaymentEvent>> histories = new HashMap<>();
        if (paymentIds.isEmpty()) {
            return histories;
        }
        try (PreparedStatement statement = connection.prepareStatement(HISTORY)) {
            Array ids = connection.createArrayOf("text", paymentIds.toArray());
            SqlValues.setUuid(statement, 1, community);
            statement.setArray(2, ids);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    histories.computeIfAbsent(rows.getString("payment_id"), ignored -> new ArrayList<>())
                            .add(new PaymentView.PaymentEvent(rows.getString("event_id"), rows.getString("status"),
                                    rows.getString("previous_status"), rows.getString("outcome"),
                                    rows.getString("mint_outcome"), SqlValues.instant(rows, "occurred_at")));
                }
            }
        }
        return histories;
    }

    /** A payment's current state as stored in {@code crypto_payments}, with an operator's resolution of it. */
    record Current(String paymentId, String status, String mintOutcome, String lotId, long creditedMicro,
            Long spentMicro, String priceAmount, String priceCurrency, String orderId, Instant firstSeenAt,
            Instant updatedAt, PaymentView.Resolution resolution) {
    }
}
