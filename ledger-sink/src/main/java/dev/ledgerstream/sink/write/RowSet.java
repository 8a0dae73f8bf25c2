package dev.ledgerstream.sink.write;

import dev.ledgerstream.schemas.DeadLetterHeaders;
import dev.ledgerstream.schemas.LedgerJson;
import dev.ledgerstream.schemas.PaymentStatus;
import dev.ledgerstream.schemas.ingest.IpnQuarantined;
import dev.ledgerstream.schemas.ingest.IpnReceived;
import dev.ledgerstream.schemas.ledger.ActionOutcome;
import dev.ledgerstream.schemas.ledger.EntryType;
import dev.ledgerstream.schemas.ledger.GuardViolation;
import dev.ledgerstream.schemas.ledger.LedgerEntry;
import dev.ledgerstream.schemas.ledger.MintOutcome;
import dev.ledgerstream.schemas.ledger.PaymentOutcome;
import dev.ledgerstream.schemas.ledger.TransitionOutcome;
import dev.ledgerstream.schemas.ledger.UsageRecorded;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * The rows a group of decoded records stands for, per table, in record order. Mapping is pure and
 * total: every valid record maps; whether PostgreSQL accepts the rows is the writer's question.
 *
 * <p>A payment's accepted outcomes also move its current state ({@code crypto_payments}); within one
 * group they are folded into one row per payment (the last accepted outcome, first sighting from the
 * first, the latest mint decision), because one INSERT … ON CONFLICT DO UPDATE may not touch a row
 * twice, and because the outcomes of one payment arrive in order on one partition. The fold stops
 * before {@code refunded}: the database moves a payment there only from {@code finished} (SPEC 5.1),
 * so a group that finishes and refunds a payment the ledger shows at an earlier status writes it
 * in two steps, {@link #laterSteps()} after the rest.
 */
final class RowSet {

    /** The one payment provider (SPEC 3.1); {@code webhook_events} is keyed per provider. */
    static final String PROVIDER = "nowpayments";

    private final Map<LedgerTable, List<Row>> rows = new EnumMap<>(LedgerTable.class);
    private final Map<String, List<PaymentState>> payments = new LinkedHashMap<>();
    private final List<WriteResult.Receipt> receipts = new ArrayList<>();

    static RowSet of(List<Decoded> records) {
        RowSet set = new RowSet();
        records.forEach(set::add);
        return set;
    }

    static RowSet ofRejects(List<Reject> rejects, Instant rejectedAt) {
        RowSet set = new RowSet();
        for (Reject reject : rejects) {
            SinkRecord record = reject.record();
            set.add(Row.of(LedgerTable.SINK_REJECTS, null).with("source_topic", record.topic())
                    .with("source_partition", record.partition()).with("source_offset", record.offset())
                    .with("stage", reject.stage()).with("sql_state", reject.sqlState()).with("reason", reject.reason())
                    .with("dead_letter_topic", reject.deadLetterTopic()).with("record_key", record.key())
                    .with("record_value", record.value()).with("rejected_at", rejectedAt));
        }
        return set;
    }

    /** Rows per table, in table order; the folded payment states included. */
    Map<LedgerTable, List<Row>> rows() {
        Map<LedgerTable, List<Row>> all = new EnumMap<>(LedgerTable.class);
        rows.forEach((table, list) -> all.put(table, List.copyOf(list)));
        if (!payments.isEmpty()) {
            List<Row> states = new ArrayList<>();
            payments.values().forEach(steps -> states.add(steps.get(0).row()));
            all.put(LedgerTable.CRYPTO_PAYMENTS, List.copyOf(states));
        }
        return all;
    }

    /**
     * The payments' states that must be written after {@link #rows()} (a refund after the finishing
     * it follows), as a set of their own; empty when every payment's group folded into one row.
     */
    RowSet laterSteps() {
        RowSet later = new RowSet();
        payments.forEach((payment, steps) -> {
            if (steps.size() > 1) {
                later.payments.put(payment, List.copyOf(steps.subList(1, steps.size())));
            }
        });
        return later;
    }

    List<WriteResult.Receipt> receipts() {
        return List.copyOf(receipts);
    }

    boolean isEmpty() {
        return rows.isEmpty() && payments.isEmpty();
    }

    void add(Decoded decoded) {
        Object value = decoded.value();
        if (value instanceof LedgerEntry entry) {
            entry(entry);
        } else if (value instanceof UsageRecorded usage) {
            usage(usage);
        } else if (value instanceof PaymentOutcome outcome) {
            payment(outcome);
        } else if (value instanceof GuardViolation violation) {
            add(Row.of(LedgerTable.GUARD_VIOLATIONS, violation.communityId())
                    .with("violation_id", violation.violationId()).with("invariant", violation.invariant().wireName())
                    .with("community_id", violation.communityId()).with("details", json(violation.details()))
                    .with("detected_at", violation.detectedAt()));
        } else if (value instanceof ActionOutcome action) {
            add(Row.of(LedgerTable.OPERATOR_ACTIONS, action.communityId()).with("outcome_id", action.outcomeId())
                    .with("action_id", action.actionId()).with("idempotency_key", action.idempotencyKey())
                    .with("kind", action.kind().wireName()).with("result", action.result().wireName())
                    .with("detail", action.detail()).with("community_id", action.communityId())
                    .with("payment_id", action.paymentId()).with("lot_id", action.lotId())
                    .with("amount_micro", action.amountMicro()).with("expires_at", action.expiresAt())
                    .with("charging", action.charging() == null ? null : action.charging().wireName())
                    .with("minting", action.minting() == null ? null : action.minting().wireName())
                    .with("actor", action.actor()).with("reason", action.reason())
                    .with("requested_at", action.requestedAt()));
            receipts.add(new WriteResult.Receipt(LedgerTable.OPERATOR_ACTIONS, action.requestedAt()));
        } else if (value instanceof IpnReceived ipn) {
            add(Row.of(LedgerTable.WEBHOOK_EVENTS, null).with("provider", PROVIDER).with("event_id", ipn.eventId())
                    .with("payment_id", ipn.paymentId()).with("signature_form", ipn.signatureForm())
                    .with("quarantine_reason", null).with("received_at", ipn.receivedAt())
                    .with("canonical", ipn.canonical()));
            receipts.add(new WriteResult.Receipt(LedgerTable.WEBHOOK_EVENTS, ipn.receivedAt()));
        } else if (value instanceof IpnQuarantined quarantined) {
            add(Row.of(LedgerTable.WEBHOOK_EVENTS, null).with("provider", PROVIDER)
                    .with("event_id", quarantined.eventId()).with("payment_id", quarantined.paymentId())
                    .with("signature_form", null).with("quarantine_reason", quarantined.reason())
                    .with("received_at", quarantined.receivedAt()).with("canonical", quarantined.canonical()));
            receipts.add(new WriteResult.Receipt(LedgerTable.WEBHOOK_EVENTS, quarantined.receivedAt()));
        } else if (value == null) {
            deadLetter(decoded.source());
        } else {
            throw new IllegalArgumentException("no rows for " + value.getClass().getName());
        }
    }

    private void entry(LedgerEntry entry) {
        if (entry.type() == EntryType.LOT_MINTED) {
            add(Row.of(LedgerTable.CREDIT_LOTS, entry.communityId()).with("lot_id", entry.lotId())
                    .with("community_id", entry.communityId()).with("source", entry.lotSource().wireName())
                    .with("payment_id", entry.paymentId()).with("grant_id", entry.grantId())
                    .with("minted_micro", entry.amountMicro()).with("created_at", entry.lotCreatedAt())
                    .with("expires_at", entry.lotExpiresAt()));
        }
        add(Row.of(LedgerTable.LOT_ENTRIES, entry.communityId()).with("entry_id", entry.entryId())
                .with("community_id", entry.communityId()).with("lot_id", entry.lotId())
                .with("entry_type", entry.type().wireName()).with("amount_micro", entry.amountMicro())
                .with("lot_source", entry.lotSource().wireName()).with("payment_id", entry.paymentId())
                .with("grant_id", entry.grantId()).with("finalization_id", entry.finalizationId())
                .with("occurred_at", entry.occurredAt()));
    }

    private void usage(UsageRecorded usage) {
        add(Row.of(LedgerTable.USAGE_EVENTS, usage.communityId()).with("finalization_id", usage.finalizationId())
                .with("community_id", usage.communityId()).with("pool_id", usage.poolId()).with("nft_id", usage.nftId())
                .with("tokens_input", usage.tokensInput()).with("tokens_output", usage.tokensOutput())
                .with("amount_micro", usage.amountMicro()).with("reservation_id", usage.reservationId())
                .with("reserved_micro", usage.reservedMicro()).with("debited_micro", usage.debitedMicro())
                .with("unfunded_micro", usage.unfundedMicro()).with("debits", json(usage.debits()))
                .with("charging_mode", usage.chargingMode().wireName()).with("waived_micro", usage.waivedMicro())
                .with("shadow_debits", json(usage.shadowDebits()))
                .with("guard_result", usage.guardResult().wireName()).with("content_hash", usage.contentHash())
                .with("occurred_at", usage.occurredAt()).with("created_at", usage.recordedAt()));
        receipts.add(new WriteResult.Receipt(LedgerTable.USAGE_EVENTS, usage.recordedAt()));
    }

    private void payment(PaymentOutcome outcome) {
        add(Row.of(LedgerTable.CRYPTO_PAYMENT_OUTCOMES, outcome.communityId()).with("outcome_id", outcome.outcomeId())
                .with("payment_id", outcome.paymentId()).with("event_id", outcome.eventId())
                .with("community_id", outcome.communityId()).with("status", outcome.status().wireName())
                .with("previous_status", outcome.previousStatus() == null ? null : outcome.previousStatus().wireName())
                .with("outcome", outcome.outcome().wireName()).with("mint_outcome", wire(outcome.mintOutcome()))
                .with("lot_id", outcome.lotId()).with("credited_micro", outcome.creditedMicro())
                .with("price_amount", outcome.priceAmount()).with("price_currency", outcome.priceCurrency())
                .with("order_id", outcome.orderId()).with("occurred_at", outcome.occurredAt()));
        receipts.add(new WriteResult.Receipt(LedgerTable.CRYPTO_PAYMENT_OUTCOMES, outcome.occurredAt()));
        if (outcome.outcome() == TransitionOutcome.ACCEPTED) {
            List<PaymentState> steps = payments.computeIfAbsent(outcome.paymentId(), ignored -> new ArrayList<>());
            PaymentState earlier = steps.isEmpty() ? null : steps.get(steps.size() - 1);
            PaymentState state = new PaymentState(outcome.paymentId(), outcome.communityId(),
                    outcome.status().wireName(),
                    outcome.mintOutcome() != null || earlier == null ? wire(outcome.mintOutcome()) : earlier.mintOutcome(),
                    outcome.lotId(), outcome.creditedMicro(), outcome.priceAmount(), outcome.priceCurrency(),
                    outcome.orderId(), outcome.eventId(), earlier == null ? outcome.occurredAt() : earlier.firstSeenAt(),
                    outcome.occurredAt());
            if (earlier == null || outcome.status() == PaymentStatus.REFUNDED) {
                steps.add(state);
            } else {
                steps.set(steps.size() - 1, state);
            }
        }
    }

    /** A payment's current state after the accepted outcomes of this group, as a crypto_payments row. */
    private record PaymentState(String paymentId, String communityId, String status, String mintOutcome, String lotId,
            long creditedMicro, String priceAmount, String priceCurrency, String orderId, String lastEventId,
            Instant firstSeenAt, Instant updatedAt) {

        Row row() {
            return Row.of(LedgerTable.CRYPTO_PAYMENTS, communityId).with("payment_id", paymentId)
                    .with("community_id", communityId).with("status", status).with("mint_outcome", mintOutcome)
                    .with("lot_id", lotId).with("credited_micro", creditedMicro).with("price_amount", priceAmount)
                    .with("price_currency", priceCurrency).with("order_id", orderId).with("last_event_id", lastEventId)
                    .with("first_seen_at", firstSeenAt).with("updated_at", updatedAt).row();
        }
    }

    /** A dead letter, with its {@link DeadLetterHeaders} (ADR 0003) taken apart where they parse. */
    private void deadLetter(SinkRecord record) {
        ObjectNode headers = LedgerJson.mapper().createObjectNode();
        Map<String, String> last = new LinkedHashMap<>();
        for (SinkRecord.Header header : record.headers()) {
            String text = header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
            headers.put(header.name(), text == null ? null : Texts.bounded(text));
            last.put(header.name(), text);
        }
        add(Row.of(LedgerTable.DEAD_LETTERS, null).with("dlq_topic", record.topic())
                .with("dlq_partition", record.partition()).with("dlq_offset", record.offset())
                .with("source_topic", last.get(DeadLetterHeaders.SOURCE_TOPIC))
                .with("source_partition", integerOrNull(last.get(DeadLetterHeaders.SOURCE_PARTITION)))
                .with("source_offset", longOrNull(last.get(DeadLetterHeaders.SOURCE_OFFSET)))
                .with("reason", boundedOrNull(last.get(DeadLetterHeaders.REASON)))
                .with("exception", boundedOrNull(last.get(DeadLetterHeaders.EXCEPTION)))
                .with("failed_at", instantOrNull(last.get(DeadLetterHeaders.FAILED_AT)))
                .with("record_key", record.key()).with("record_value", record.value())
                .with("headers", new Row.Jsonb(LedgerJson.mapper().writeValueAsString(headers)))
                .with("dead_lettered_at", Instant.ofEpochMilli(record.timestampMillis())));
    }

    private void add(Row.Named named) {
        Row row = named.row();
        rows.computeIfAbsent(named.table(), ignored -> new ArrayList<>()).add(row);
    }

    private static Row.Jsonb json(Object value) {
        return new Row.Jsonb(LedgerJson.mapper().writeValueAsString(value));
    }

    private static String wire(MintOutcome outcome) {
        return outcome == null ? null : outcome.wireName();
    }

    private static String boundedOrNull(String text) {
        return text == null ? null : Texts.bounded(text);
    }

    private static Integer integerOrNull(String text) {
        try {
            return text == null ? null : Integer.valueOf(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Long longOrNull(String text) {
        try {
            return text == null ? null : Long.valueOf(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Instant instantOrNull(String text) {
        try {
            return text == null ? null : Instant.parse(text.trim());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
