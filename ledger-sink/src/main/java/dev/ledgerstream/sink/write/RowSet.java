package dev.ledgerstream.sink.write;

import dev.ledgerstream.schemas.DeadLetterHeaders;
import dev.ledgerstream.schemas.LedgerJson;
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
 * twice, and because the outcomes of one payment arrive in order on one partition.
 */
final class RowSet {

    /** The one payment provider (SPEC 3.1); {@code webhook_events} is keyed per provider. */
    static final String PROVIDER = "nowpayments";

    private final Map<LedgerTable, List<Row>> rows = new EnumMap<>(LedgerTable.class);
    private final Map<String, PaymentState> payments = new LinkedHashMap<>();
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
            set.row(LedgerTable.SINK_REJECTS, null, record.topic(), record.partition(), record.offset(),
                    reject.stage(), reject.sqlState(), reject.reason(), reject.deadLetterTopic(), record.key(),
                    record.value(), rejectedAt);
        }
        return set;
    }

    /** Rows per table, in table order; the folded payment states included. */
    Map<LedgerTable, List<Row>> rows() {
        Map<LedgerTable, List<Row>> all = new EnumMap<>(LedgerTable.class);
        rows.forEach((table, list) -> all.put(table, List.copyOf(list)));
        if (!payments.isEmpty()) {
            List<Row> states = new ArrayList<>();
            payments.values().forEach(state -> states.add(state.row()));
            all.put(LedgerTable.CRYPTO_PAYMENTS, List.copyOf(states));
        }
        return all;
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
            row(LedgerTable.GUARD_VIOLATIONS, violation.communityId(), violation.violationId(),
                    violation.invariant().wireName(), violation.communityId(), json(violation.details()),
                    violation.detectedAt());
        } else if (value instanceof ActionOutcome action) {
            row(LedgerTable.OPERATOR_ACTIONS, action.communityId(), action.outcomeId(), action.actionId(),
                    action.idempotencyKey(), action.kind().wireName(), action.result().wireName(), action.detail(),
                    action.communityId(), action.paymentId(), action.lotId(), action.amountMicro(), action.expiresAt(),
                    action.actor(), action.reason(), action.requestedAt());
            receipts.add(new WriteResult.Receipt(LedgerTable.OPERATOR_ACTIONS, action.requestedAt()));
        } else if (value instanceof IpnReceived ipn) {
            row(LedgerTable.WEBHOOK_EVENTS, null, PROVIDER, ipn.eventId(), ipn.paymentId(), ipn.signatureForm(), null,
                    ipn.receivedAt(), ipn.canonical());
            receipts.add(new WriteResult.Receipt(LedgerTable.WEBHOOK_EVENTS, ipn.receivedAt()));
        } else if (value instanceof IpnQuarantined quarantined) {
            row(LedgerTable.WEBHOOK_EVENTS, null, PROVIDER, quarantined.eventId(), quarantined.paymentId(), null,
                    quarantined.reason(), quarantined.receivedAt(), quarantined.canonical());
            receipts.add(new WriteResult.Receipt(LedgerTable.WEBHOOK_EVENTS, quarantined.receivedAt()));
        } else if (value == null) {
            deadLetter(decoded.source());
        } else {
            throw new IllegalArgumentException("no rows for " + value.getClass().getName());
        }
    }

    private void entry(LedgerEntry entry) {
        if (entry.type() == EntryType.LOT_MINTED) {
            row(LedgerTable.CREDIT_LOTS, entry.communityId(), entry.lotId(), entry.communityId(),
                    entry.lotSource().wireName(), entry.paymentId(), entry.grantId(), entry.amountMicro(),
                    entry.lotCreatedAt(), entry.lotExpiresAt());
        }
        row(LedgerTable.LOT_ENTRIES, entry.communityId(), entry.entryId(), entry.communityId(), entry.lotId(),
                entry.type().wireName(), entry.amountMicro(), entry.lotSource().wireName(), entry.paymentId(),
                entry.grantId(), entry.finalizationId(), entry.occurredAt());
    }

    private void usage(UsageRecorded usage) {
        row(LedgerTable.USAGE_EVENTS, usage.communityId(), usage.finalizationId(), usage.communityId(), usage.poolId(),
                usage.nftId(), usage.tokensInput(), usage.tokensOutput(), usage.amountMicro(), usage.reservationId(),
                usage.reservedMicro(), usage.debitedMicro(), usage.unfundedMicro(), json(usage.debits()),
                usage.guardResult().wireName(), usage.contentHash(), usage.occurredAt(), usage.recordedAt());
        receipts.add(new WriteResult.Receipt(LedgerTable.USAGE_EVENTS, usage.recordedAt()));
    }

    private void payment(PaymentOutcome outcome) {
        row(LedgerTable.CRYPTO_PAYMENT_OUTCOMES, outcome.communityId(), outcome.outcomeId(), outcome.paymentId(),
                outcome.eventId(), outcome.communityId(), outcome.status().wireName(),
                outcome.previousStatus() == null ? null : outcome.previousStatus().wireName(),
                outcome.outcome().wireName(), wire(outcome.mintOutcome()), outcome.lotId(), outcome.creditedMicro(),
                outcome.priceAmount(), outcome.priceCurrency(), outcome.orderId(), outcome.occurredAt());
        receipts.add(new WriteResult.Receipt(LedgerTable.CRYPTO_PAYMENT_OUTCOMES, outcome.occurredAt()));
        if (outcome.outcome() == TransitionOutcome.ACCEPTED) {
            PaymentState earlier = payments.get(outcome.paymentId());
            payments.put(outcome.paymentId(), new PaymentState(outcome.paymentId(), outcome.communityId(),
                    outcome.status().wireName(),
                    outcome.mintOutcome() != null || earlier == null ? wire(outcome.mintOutcome()) : earlier.mintOutcome(),
                    outcome.lotId(), outcome.creditedMicro(), outcome.priceAmount(), outcome.priceCurrency(),
                    outcome.orderId(), outcome.eventId(), earlier == null ? outcome.occurredAt() : earlier.firstSeenAt(),
                    outcome.occurredAt()));
        }
    }

    /** A payment's current state after the accepted outcomes of this group, as a crypto_payments row. */
    private record PaymentState(String paymentId, String communityId, String status, String mintOutcome, String lotId,
            long creditedMicro, String priceAmount, String priceCurrency, String orderId, String lastEventId,
            Instant firstSeenAt, Instant updatedAt) {

        Row row() {
            return new Row(communityId, new Object[] {paymentId, communityId, status, mintOutcome, lotId, creditedMicro,
                priceAmount, priceCurrency, orderId, lastEventId, firstSeenAt, updatedAt});
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
        row(LedgerTable.DEAD_LETTERS, null, record.topic(), record.partition(), record.offset(),
                last.get(DeadLetterHeaders.SOURCE_TOPIC), integerOrNull(last.get(DeadLetterHeaders.SOURCE_PARTITION)),
                longOrNull(last.get(DeadLetterHeaders.SOURCE_OFFSET)), boundedOrNull(last.get(DeadLetterHeaders.REASON)),
                boundedOrNull(last.get(DeadLetterHeaders.EXCEPTION)), instantOrNull(last.get(DeadLetterHeaders.FAILED_AT)),
                record.key(),
                record.value(), new Row.Jsonb(LedgerJson.mapper().writeValueAsString(headers)),
                Instant.ofEpochMilli(record.timestampMillis()));
    }

    private void row(LedgerTable table, String communityId, Object... values) {
        if (values.length != table.columnCount()) {
            throw new IllegalStateException(table + " has " + table.columnCount() + " columns, not " + values.length);
        }
        rows.computeIfAbsent(table, ignored -> new ArrayList<>()).add(new Row(communityId, values));
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
