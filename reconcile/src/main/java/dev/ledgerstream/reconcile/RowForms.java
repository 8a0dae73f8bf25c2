package dev.ledgerstream.reconcile;

import dev.ledgerstream.ledger.lots.Lot;
import dev.ledgerstream.ledger.payment.PaymentState;
import dev.ledgerstream.reconcile.LedgerRow.Kind;
import dev.ledgerstream.schemas.LedgerJson;
import dev.ledgerstream.schemas.ledger.ActionOutcome;
import dev.ledgerstream.schemas.ledger.LedgerEntry;
import dev.ledgerstream.schemas.ledger.LotDebit;
import dev.ledgerstream.schemas.ledger.PaymentOutcome;
import dev.ledgerstream.schemas.ledger.UsageRecorded;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Each kind of row in its two forms: built from what the replay produced, and read from
 * PostgreSQL's tables. Both forms of a kind are side by side here so that their fields cannot
 * drift apart; {@link #query} gives the query each database form reads, ordered as
 * {@link LedgerRow#compareTo} orders.
 *
 * <p>A lot's status is not compared: PostgreSQL derives it from the entries (a lot revoked or
 * expired with nothing left has no entry to show it), and its amounts are compared instead.
 */
final class RowForms {

    private RowForms() {
    }

    /**
     * The query reading {@code kind} in comparison order. With {@code window}, it takes one
     * parameter, a time, and reads only the rows caused at or after it: usage events received from
     * then, their debits, payment outcomes and other entries dated from then. Lots and payments
     * are always read whole: they are final states.
     */
    /** The kinds a windowed {@link #query} reads in part; the others are final states, read whole. */
    static boolean windowed(Kind kind) {
        return kind == Kind.ENTRY || kind == Kind.USAGE || kind == Kind.OUTCOME || kind == Kind.ACTION
                || kind == Kind.USAGE_HOUR || kind == Kind.USAGE_NFT_HOUR;
    }

    static String query(Kind kind, boolean window) {
        return switch (kind) {
            case ENTRY -> """
                    SELECT e.community_id::text AS community_id, e.entry_id, e.lot_id, e.entry_type, e.amount_micro,
                           e.lot_source, e.payment_id, e.grant_id, e.finalization_id, e.occurred_at
                    FROM ledger.lot_entries e
                    LEFT JOIN ledger.usage_events u ON e.entry_type = 'lot_debited'
                        AND u.community_id = e.community_id AND u.finalization_id = e.finalization_id
                    """ + (window ? "WHERE " + ENTRY_CAUSED_AT + " >= ?\n" : "")
                    + "ORDER BY e.community_id::text COLLATE \"C\", e.entry_id COLLATE \"C\"";
            case USAGE -> """
                    SELECT community_id::text AS community_id, finalization_id, pool_id, nft_id, tokens_input,
                           tokens_output, amount_micro, reservation_id, reserved_micro, debited_micro, unfunded_micro,
                           debits::text AS debits, charging_mode, waived_micro, shadow_debits::text AS shadow_debits,
                           guard_result, content_hash, occurred_at, created_at
                    FROM ledger.usage_events
                    """ + (window ? "WHERE created_at >= ?\n" : "")
                    + "ORDER BY community_id::text COLLATE \"C\", finalization_id COLLATE \"C\"";
            case LOT -> """
                    SELECT community_id::text AS community_id, lot_id, source, payment_id, grant_id, minted_micro,
                           debited_micro, expired_micro, revoked_micro, remaining_micro, created_at, expires_at
                    FROM ledger.lot_balances ORDER BY community_id::text COLLATE "C", lot_id COLLATE "C\"""";
            // A released payment's lot and credit, and every resolution, are in its applied action
            // (crypto_payments holds what the notifications said; a later refund's outcome names the lot too).
            case PAYMENT -> """
                    SELECT p.payment_id, p.community_id::text AS community_id, p.status, p.mint_outcome,
                           COALESCE(p.lot_id, r.lot_id) AS lot_id,
                           CASE WHEN p.lot_id IS NULL AND r.lot_id IS NOT NULL THEN r.amount_micro
                                ELSE p.credited_micro END AS credited_micro,
                           r.kind AS resolution, p.updated_at
                    FROM ledger.crypto_payments p
                    LEFT JOIN ledger.operator_actions r ON r.payment_id = p.payment_id AND r.result = 'applied'
                        AND r.kind IN ('release', 'dismiss')
                    ORDER BY p.payment_id COLLATE "C\"""";
            case ACTION -> """
                    SELECT outcome_id, action_id, idempotency_key, kind, result, detail, community_id::text AS community_id,
                           payment_id, lot_id, amount_micro, expires_at, charging, minting, actor, reason, requested_at
                    FROM ledger.operator_actions
                    """ + (window ? "WHERE requested_at >= ?\n" : "") + "ORDER BY outcome_id COLLATE \"C\"";
            // Windowed, an aggregate is read from the first whole hour (day) at or after the time: the
            // replay holds only the usage received from then, so the unit it starts in is partial.
            case LOT_TOTAL -> """
                    SELECT community_id::text AS community_id, lot_id, minted_micro, debited_micro, expired_micro,
                           revoked_micro
                    FROM ledger.lot_totals ORDER BY community_id::text COLLATE "C", lot_id COLLATE "C\"""";
            case USAGE_HOUR -> """
                    SELECT community_id::text AS community_id, hour, pool_id, events, amount_micro, debited_micro,
                           unfunded_micro, waived_micro, tokens_input, tokens_output
                    FROM ledger.usage_hourly
                    """ + (window ? "WHERE hour >= date_trunc('hour', (?::timestamptz + interval '1 hour'"
                            + " - interval '1 microsecond') AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'\n" : "")
                    + "ORDER BY community_id::text COLLATE \"C\", hour, pool_id COLLATE \"C\"";
            case USAGE_NFT_HOUR -> """
                    SELECT community_id::text AS community_id, hour, nft_id, events, amount_micro, tokens_input,
                           tokens_output
                    FROM ledger.usage_nft_hourly
                    """ + (window ? "WHERE hour >= date_trunc('hour', (?::timestamptz + interval '1 hour'"
                            + " - interval '1 microsecond') AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'\n" : "")
                    + "ORDER BY community_id::text COLLATE \"C\", hour, nft_id COLLATE \"C\"";
            case USAGE_NFT_CHECKPOINT -> """
                    SELECT community_id::text AS community_id, hour, nft_id, events, amount_micro, tokens_input,
                           tokens_output
                    FROM ledger.usage_nft_checkpoints
                    ORDER BY community_id::text COLLATE "C", hour, nft_id COLLATE "C\"""";
            case OUTCOME -> """
                    SELECT outcome_id, payment_id, event_id, community_id::text AS community_id, status, previous_status,
                           outcome, mint_outcome, lot_id, credited_micro, price_amount, price_currency, order_id,
                           occurred_at
                    FROM ledger.crypto_payment_outcomes
                    """ + (window ? "WHERE occurred_at >= ?\n" : "") + "ORDER BY outcome_id COLLATE \"C\"";
        };
    }

    /**
     * When an entry's cause reached the ledger, over {@code lot_entries e} left-joined to its usage
     * event {@code u}: a debit's usage event's receipt; any other entry's own date (a mint's and a
     * revocation's are their notification's receipt, an expiry's the lot's expiry time).
     */
    static final String ENTRY_CAUSED_AT = "COALESCE(u.created_at, e.occurred_at)";

    /** Reads the current row of a {@link #query} result as a row of {@code kind}. */
    static LedgerRow read(Kind kind, ResultSet row) throws SQLException {
        return switch (kind) {
            case ENTRY -> LedgerRow.of(kind, row.getString("community_id"), row.getString("entry_id"))
                    .text("lot_id", row.getString("lot_id"))
                    .text("entry_type", row.getString("entry_type"))
                    .micro("amount_micro", row.getLong("amount_micro"))
                    .text("lot_source", row.getString("lot_source"))
                    .text("payment_id", row.getString("payment_id"))
                    .text("grant_id", row.getString("grant_id"))
                    .text("finalization_id", row.getString("finalization_id"))
                    .time("occurred_at", time(row, "occurred_at"))
                    .build();
            case USAGE -> LedgerRow.of(kind, row.getString("community_id"), row.getString("finalization_id"))
                    .text("pool_id", row.getString("pool_id"))
                    .text("nft_id", row.getString("nft_id"))
                    .micro("tokens_input", row.getLong("tokens_input"))
                    .micro("tokens_output", row.getLong("tokens_output"))
                    .micro("amount_micro", row.getLong("amount_micro"))
                    .text("reservation_id", row.getString("reservation_id"))
                    .micro("reserved_micro", row.getObject("reserved_micro", Long.class))
                    .micro("debited_micro", row.getLong("debited_micro"))
                    .micro("unfunded_micro", row.getLong("unfunded_micro"))
                    .text("debits", debits(List.of(LedgerJson.mapper().readValue(row.getString("debits"), LotDebit[].class))))
                    .text("charging_mode", row.getString("charging_mode"))
                    .micro("waived_micro", row.getLong("waived_micro"))
                    .text("shadow_debits", debits(List.of(LedgerJson.mapper().readValue(row.getString("shadow_debits"),
                            LotDebit[].class))))
                    .text("guard_result", row.getString("guard_result"))
                    .text("content_hash", row.getString("content_hash"))
                    .time("occurred_at", time(row, "occurred_at"))
                    .time("created_at", time(row, "created_at"))
                    .build();
            case LOT -> LedgerRow.of(kind, row.getString("community_id"), row.getString("lot_id"))
                    .text("source", row.getString("source"))
                    .text("payment_id", row.getString("payment_id"))
                    .text("grant_id", row.getString("grant_id"))
                    .micro("minted_micro", row.getLong("minted_micro"))
                    .micro("debited_micro", row.getLong("debited_micro"))
                    .micro("expired_micro", row.getLong("expired_micro"))
                    .micro("revoked_micro", row.getLong("revoked_micro"))
                    .micro("remaining_micro", row.getLong("remaining_micro"))
                    .time("created_at", time(row, "created_at"))
                    .time("expires_at", time(row, "expires_at"))
                    .build();
            case PAYMENT -> LedgerRow.of(kind, "", row.getString("payment_id"))
                    .text("community_id", row.getString("community_id"))
                    .text("status", row.getString("status"))
                    .text("mint_outcome", row.getString("mint_outcome"))
                    .text("lot_id", row.getString("lot_id"))
                    .micro("credited_micro", row.getLong("credited_micro"))
                    .text("resolution", row.getString("resolution"))
                    .time("updated_at", time(row, "updated_at"))
                    .build();
            case LOT_TOTAL -> LedgerRow.of(kind, row.getString("community_id"), row.getString("lot_id"))
                    .text("minted_micro", exact(row, "minted_micro"))
                    .text("debited_micro", exact(row, "debited_micro"))
                    .text("expired_micro", exact(row, "expired_micro"))
                    .text("revoked_micro", exact(row, "revoked_micro"))
                    .build();
            case USAGE_HOUR -> UsageRollupRows.hourRow(row.getString("community_id"), time(row, "hour"),
                    row.getString("pool_id"), UsageRollupRows.HOUR_SUMS.stream().map(name -> exact(row, name)).toList());
            case USAGE_NFT_HOUR -> UsageRollupRows.nftHourRow(row.getString("community_id"), time(row, "hour"),
                    row.getString("nft_id"), UsageRollupRows.NFT_SUMS.stream().map(name -> exact(row, name)).toList());
            case USAGE_NFT_CHECKPOINT -> UsageRollupRows.checkpointRow(row.getString("community_id"),
                    time(row, "hour"), row.getString("nft_id"),
                    UsageRollupRows.NFT_SUMS.stream().map(name -> exact(row, name)).toList());
            case ACTION -> LedgerRow.of(kind, "", row.getString("outcome_id"))
                    .text("action_id", row.getString("action_id"))
                    .text("idempotency_key", row.getString("idempotency_key"))
                    .text("kind", row.getString("kind"))
                    .text("result", row.getString("result"))
                    .text("detail", row.getString("detail"))
                    .text("community_id", row.getString("community_id"))
                    .text("payment_id", row.getString("payment_id"))
                    .text("lot_id", row.getString("lot_id"))
                    .micro("amount_micro", row.getLong("amount_micro"))
                    .time("expires_at", time(row, "expires_at"))
                    .text("charging", row.getString("charging"))
                    .text("minting", row.getString("minting"))
                    .text("actor", row.getString("actor"))
                    .text("reason", row.getString("reason"))
                    .time("requested_at", time(row, "requested_at"))
                    .build();
            case OUTCOME -> LedgerRow.of(kind, "", row.getString("outcome_id"))
                    .text("payment_id", row.getString("payment_id"))
                    .text("event_id", row.getString("event_id"))
                    .text("community_id", row.getString("community_id"))
                    .text("status", row.getString("status"))
                    .text("previous_status", row.getString("previous_status"))
                    .text("outcome", row.getString("outcome"))
                    .text("mint_outcome", row.getString("mint_outcome"))
                    .text("lot_id", row.getString("lot_id"))
                    .micro("credited_micro", row.getLong("credited_micro"))
                    .text("price_amount", row.getString("price_amount"))
                    .text("price_currency", row.getString("price_currency"))
                    .text("order_id", row.getString("order_id"))
                    .time("occurred_at", time(row, "occurred_at"))
                    .build();
        };
    }

    static LedgerRow entry(LedgerEntry entry) {
        return LedgerRow.of(Kind.ENTRY, entry.communityId(), entry.entryId())
                .text("lot_id", entry.lotId())
                .text("entry_type", entry.type().wireName())
                .micro("amount_micro", entry.amountMicro())
                .text("lot_source", entry.lotSource().wireName())
                .text("payment_id", entry.paymentId())
                .text("grant_id", entry.grantId())
                .text("finalization_id", entry.finalizationId())
                .time("occurred_at", entry.occurredAt())
                .build();
    }

    static LedgerRow usage(UsageRecorded usage) {
        return LedgerRow.of(Kind.USAGE, usage.communityId(), usage.finalizationId())
                .text("pool_id", usage.poolId())
                .text("nft_id", usage.nftId())
                .micro("tokens_input", usage.tokensInput())
                .micro("tokens_output", usage.tokensOutput())
                .micro("amount_micro", usage.amountMicro())
                .text("reservation_id", usage.reservationId())
                .micro("reserved_micro", usage.reservedMicro())
                .micro("debited_micro", usage.debitedMicro())
                .micro("unfunded_micro", usage.unfundedMicro())
                .text("debits", debits(usage.debits()))
                .text("charging_mode", usage.chargingMode().wireName())
                .micro("waived_micro", usage.waivedMicro())
                .text("shadow_debits", debits(usage.shadowDebits()))
                .text("guard_result", usage.guardResult().wireName())
                .text("content_hash", usage.contentHash())
                .time("occurred_at", usage.occurredAt())
                .time("created_at", usage.recordedAt())
                .build();
    }

    /** A lot as the per-lot aggregate holds it. */
    static LedgerRow lotTotal(Lot lot) {
        return LedgerRow.of(Kind.LOT_TOTAL, lot.communityId(), lot.lotId())
                .text("minted_micro", Long.toString(lot.mintedMicro()))
                .text("debited_micro", Long.toString(lot.debitedMicro()))
                .text("expired_micro", Long.toString(lot.expiredMicro()))
                .text("revoked_micro", Long.toString(lot.revokedMicro()))
                .build();
    }

    /** A {@code numeric} (or {@code bigint}) column as its exact integer text. */
    private static String exact(ResultSet row, String column) {
        try {
            return row.getBigDecimal(column).toBigIntegerExact().toString();
        } catch (SQLException e) {
            throw new IllegalStateException("reading " + column + " failed: " + e.getMessage(), e);
        }
    }

    static LedgerRow lot(Lot lot) {
        return LedgerRow.of(Kind.LOT, lot.communityId(), lot.lotId())
                .text("source", lot.source().wireName())
                .text("payment_id", lot.paymentId())
                .text("grant_id", lot.grantId())
                .micro("minted_micro", lot.mintedMicro())
                .micro("debited_micro", lot.debitedMicro())
                .micro("expired_micro", lot.expiredMicro())
                .micro("revoked_micro", lot.revokedMicro())
                .micro("remaining_micro", lot.remainingMicro())
                .time("created_at", lot.createdAt())
                .time("expires_at", lot.expiresAt())
                .build();
    }

    static LedgerRow payment(PaymentState payment) {
        return LedgerRow.of(Kind.PAYMENT, "", payment.paymentId())
                .text("community_id", payment.communityId())
                .text("status", payment.status().wireName())
                .text("mint_outcome", payment.mintOutcome() == null ? null : payment.mintOutcome().wireName())
                .text("lot_id", payment.lotId())
                .micro("credited_micro", payment.creditedMicro())
                .text("resolution", payment.resolution() == null ? null : payment.resolution().wireName())
                .time("updated_at", payment.updatedAt())
                .build();
    }

    static LedgerRow action(ActionOutcome action) {
        return LedgerRow.of(Kind.ACTION, "", action.outcomeId())
                .text("action_id", action.actionId())
                .text("idempotency_key", action.idempotencyKey())
                .text("kind", action.kind().wireName())
                .text("result", action.result().wireName())
                .text("detail", action.detail())
                .text("community_id", action.communityId())
                .text("payment_id", action.paymentId())
                .text("lot_id", action.lotId())
                .micro("amount_micro", action.amountMicro())
                .time("expires_at", action.expiresAt())
                .text("charging", action.charging() == null ? null : action.charging().wireName())
                .text("minting", action.minting() == null ? null : action.minting().wireName())
                .text("actor", action.actor())
                .text("reason", action.reason())
                .time("requested_at", action.requestedAt())
                .build();
    }

    static LedgerRow outcome(PaymentOutcome outcome) {
        return LedgerRow.of(Kind.OUTCOME, "", outcome.outcomeId())
                .text("payment_id", outcome.paymentId())
                .text("event_id", outcome.eventId())
                .text("community_id", outcome.communityId())
                .text("status", outcome.status().wireName())
                .text("previous_status", outcome.previousStatus() == null ? null : outcome.previousStatus().wireName())
                .text("outcome", outcome.outcome().wireName())
                .text("mint_outcome", outcome.mintOutcome() == null ? null : outcome.mintOutcome().wireName())
                .text("lot_id", outcome.lotId())
                .micro("credited_micro", outcome.creditedMicro())
                .text("price_amount", outcome.priceAmount())
                .text("price_currency", outcome.priceCurrency())
                .text("order_id", outcome.orderId())
                .time("occurred_at", outcome.occurredAt())
                .build();
    }

    /** A usage event's debits as {@code lot:amount} in the order the ledger made them. */
    private static String debits(List<LotDebit> debits) {
        return debits.stream().map(debit -> debit.lotId() + ":" + debit.amountMicro()).collect(Collectors.joining(","));
    }

    private static Instant time(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
