package dev.ledgerstream.reconcile;

import dev.ledgerstream.ledger.payment.IpnInputs;
import dev.ledgerstream.ledger.payment.PaymentDecider;
import dev.ledgerstream.ledger.replay.ReplayLedger;
import dev.ledgerstream.ledger.usage.RecordedFinalization;
import dev.ledgerstream.schemas.Topics;
import dev.ledgerstream.schemas.ledger.ActionOutcome;
import dev.ledgerstream.schemas.ledger.GuardViolation;
import dev.ledgerstream.schemas.ledger.LedgerEntry;
import dev.ledgerstream.schemas.ledger.LedgerRecord;
import dev.ledgerstream.schemas.ledger.PaymentOutcome;
import dev.ledgerstream.schemas.ledger.UsageRecorded;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Runs the raw topics through {@link ReplayLedger}, the same pure ledger core the stream
 * processors run, and keeps what it produced for the comparison: the entries, usage events and
 * payment outcomes as rows in the run's {@link DiskStore}; the payment and community states in the
 * ledger itself (they grow with payments and lots, not with usage). The finalization dedup maps,
 * which grow with every usage event, live in the disk store too.
 *
 * <p>A raw record the stream processors could not use (it does not decode, or the ledger refuses
 * its content) is dead-lettered there and skipped here, and counted.
 */
final class Replay {

    /** Where a rebuild sends what the replay produces; a reconcile sends nothing. */
    interface Output {

        Output NONE = new Output() {
            @Override
            public void notification(ConsumerRecord<byte[], byte[]> raw) {
            }

            @Override
            public void ledger(LedgerRecord record) {
            }
        };

        /** A raw notification, which the ledger keeps as it was signed ({@code webhook_events}). */
        void notification(ConsumerRecord<byte[], byte[]> raw);

        /** A record the ledger logic produced, in the order it produced it. */
        void ledger(LedgerRecord record);
    }

    /** What one replay read and produced. */
    record Summary(long notifications, long usageEvents, long actions, long skipped, long entries, long usageRecorded,
            long outcomes, Map<String, Long> violationsByInvariant) {
    }

    private final ReplayLedger ledger;
    private final DiskStore store;
    private final Output output;
    private long notifications;
    private long usageEvents;
    private long actions;
    private long skipped;
    private long entries;
    private long usageRecorded;
    private long outcomes;
    private final Map<String, Long> violations = new TreeMap<>();

    private final Instant from;

    private Replay(ReplayLedger ledger, DiskStore store, Instant from, Output output) {
        this.ledger = ledger;
        this.store = store;
        this.from = from;
        this.output = output;
    }

    /** The replay's finalization dedup maps, in {@code store}. */
    static Map<String, RecordedFinalization> finalizations(DiskStore store) {
        return store.map("finalization", RecordedFinalization.class);
    }

    /** The replay's map of each finalization id's first community, in {@code store}. */
    static Map<String, RecordedFinalization> owners(DiskStore store) {
        return store.map("owner", RecordedFinalization.class);
    }

    /**
     * Replays the raw topics from the beginning into an empty ledger, then expires what is due at
     * {@code expireAt} (the stream processors expire on the wall clock; a replay expires once, at the
     * end).
     */
    static Replay run(RawTopics topics, PaymentDecider decider, DiskStore store, Instant expireAt, Output output) {
        return run(topics, new ReplayLedger(decider, finalizations(store), owners(store)), null, store, expireAt,
                output);
    }

    /**
     * Replays the raw topics' events received at or after {@code from} (all with null) into
     * {@code ledger}, which holds the state before it, then expires what is due at {@code expireAt}.
     */
    static Replay run(RawTopics topics, ReplayLedger ledger, Instant from, DiskStore store, Instant expireAt,
            Output output) {
        Replay replay = new Replay(ledger, store, from, output);
        topics.replay(from, replay::apply);
        replay.keep(replay.ledger.expire(expireAt));
        return replay;
    }

    ReplayLedger ledger() {
        return ledger;
    }

    Summary summary() {
        return new Summary(notifications, usageEvents, actions, skipped, entries, usageRecorded, outcomes, Map.copyOf(violations));
    }

    private void apply(RawEvent event) {
        if (from != null && event.receivedAt().isBefore(from)) {
            return; // already in the state the ledger resumed from
        }
        try {
            if (event.record().topic().equals(Topics.PAYMENTS_IPN.name())) {
                // The sink keeps every notification as signed, whether or not the ledger can use it.
                output.notification(event.record());
            }
            // Each task keeps its own copy of the global charging mode (ADR 0018).
            ledger.inTask(event.record().partition());
            if (event instanceof RawEvent.Ipn ipn) {
                List<LedgerRecord> records = ledger.onIpn(IpnInputs.from(ipn.value()));
                notifications++;
                keep(records);
            } else if (event instanceof RawEvent.Usage usage) {
                List<LedgerRecord> records = ledger.onUsage(usage.value());
                usageEvents++;
                keep(records);
            } else if (event instanceof RawEvent.Action action) {
                List<LedgerRecord> records = ledger.onAction(action.value());
                actions++;
                keep(records);
            } else {
                skipped++;
            }
        } catch (IllegalArgumentException refused) {
            // The stream processors dead-letter the same record for the same reason.
            skipped++;
        }
    }

    private void keep(List<LedgerRecord> records) {
        for (LedgerRecord record : records) {
            output.ledger(record);
            if (record instanceof LedgerEntry entry) {
                put(RowForms.entry(entry));
                entries++;
            } else if (record instanceof UsageRecorded usage) {
                put(RowForms.usage(usage));
                usageRecorded++;
            } else if (record instanceof PaymentOutcome outcome) {
                put(RowForms.outcome(outcome));
                outcomes++;
            } else if (record instanceof ActionOutcome action) {
                put(RowForms.action(action));
            } else if (record instanceof GuardViolation violation) {
                violations.merge(violation.invariant().wireName(), 1L, Long::sum);
            }
        }
    }

    private void put(LedgerRow row) {
        store.put(row.storeKey(), row.encode().getBytes(StandardCharsets.UTF_8));
    }
}
