package dev.ledgerstream.stream.ledger;

import dev.ledgerstream.ledger.payment.IpnInputs;
import dev.ledgerstream.ledger.payment.PaymentDecider;
import dev.ledgerstream.ledger.task.CommunityTask;
import dev.ledgerstream.ledger.task.InputOrder;
import dev.ledgerstream.ledger.task.StepResult;
import dev.ledgerstream.schemas.ingest.IpnReceived;
import dev.ledgerstream.schemas.ingest.OperatorAction;
import dev.ledgerstream.schemas.ledger.LedgerRecord;
import dev.ledgerstream.stream.guard.GuardReporter;
import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * One community task (SPEC 5, ADR 0011, 0015): the co-partitioned {@code payments.ipn.v1},
 * {@code usage.finalizations.v1} and {@code operator.actions.v1} partitions of a set of communities,
 * applied in one order. The
 * payment state machine ({@code payment-store}), each community's finalization dedup
 * ({@code finalization-store}) and its lots ({@code community-store}) live here, so a mint and the
 * usage it funds are decided by the same task, with no topic between them.
 *
 * <p>The order is the broker's append time ({@code LogAppendTime}), usage first within a
 * millisecond: Kafka Streams hands this task the record with the earliest timestamp of its
 * partitions ({@code max.task.idle.ms}), and a notification or an operator's action then waits in
 * {@code ipn-hold-store} until a usage record with a later timestamp arrives (it is applied just
 * before it) or, when no usage comes, until the order grace has passed on the wall clock; held
 * inputs are applied by timestamp, notifications before actions within a millisecond. The replay applies exactly this
 * rule to the same records ({@code RawTopics}).
 *
 * <p>The charging and minting modes an operator set live in {@code charging-mode-store}, by
 * community and {@code *} for this task's copy of the global setting (ADR 0018).
 *
 * <p>Lots whose expiry has passed are written off on a wall-clock schedule, found through an index
 * of open lots by expiry time ({@code lot-expiry-store}); closed lots live in {@code lot-store}.
 */
public final class CommunityLedgerProcessor implements Processor<String, Object, String, LedgerRecord> {

    public static final String STORE = "community-store";
    public static final String FINALIZATIONS = "finalization-store";
    public static final String PAYMENTS = "payment-store";
    public static final String HELD = "ipn-hold-store";
    public static final String LOTS = "lot-store";
    public static final String EXPIRIES = "lot-expiry-store";
    public static final String MODES = "charging-mode-store";

    /** How often the hold is looked at when no usage arrives; a fraction of the grace, at most a second. */
    private static final Duration MAX_HOLD_CHECK = Duration.ofSeconds(1);

    private final CommunityTask task;
    private final GuardReporter guard;
    private final ChargingModeReporter modes;
    private final Duration expiryInterval;
    private final Duration orderGrace;
    private final PriorityQueue<HeldInput> held = new PriorityQueue<>(HeldInput.ORDER);
    private ProcessorContext<String, LedgerRecord> context;
    private StoreLedger ledger;
    private KeyValueStore<String, HeldInput> holdStore;

    public CommunityLedgerProcessor(PaymentDecider decider, GuardReporter guard, ChargingModeReporter modes,
            Duration expiryInterval, Duration orderGrace) {
        this.task = new CommunityTask(decider);
        this.guard = guard;
        this.modes = modes;
        this.expiryInterval = expiryInterval;
        this.orderGrace = orderGrace;
    }

    @Override
    public void init(ProcessorContext<String, LedgerRecord> context) {
        this.context = context;
        this.ledger = new StoreLedger(context);
        this.holdStore = context.getStateStore(HELD);
        held.clear();
        try (KeyValueIterator<String, HeldInput> all = holdStore.all()) {
            all.forEachRemaining(entry -> held.add(entry.value));
        }
        context.schedule(expiryInterval, PunctuationType.WALL_CLOCK_TIME, this::expire);
        Duration check = orderGrace.dividedBy(4).compareTo(MAX_HOLD_CHECK) > 0 ? MAX_HOLD_CHECK : orderGrace.dividedBy(4);
        context.schedule(check.isZero() ? Duration.ofMillis(1) : check, PunctuationType.WALL_CLOCK_TIME,
                now -> releaseBefore(now - orderGrace.toMillis()));
    }

    @Override
    public void process(Record<String, Object> record) {
        if (record.value() instanceof HashedUsage hashed) {
            releaseBefore(record.timestamp());
            emit(task.onUsage(ledger, hashed.usage(), hashed.contentHash()), record.timestamp());
        } else if (record.value() instanceof IpnReceived ipn) {
            hold(new HeldInput(offset(), record.timestamp(), IpnInputs.from(ipn), null));
        } else if (record.value() instanceof OperatorAction action) {
            hold(new HeldInput(offset(), record.timestamp(), null, action));
        } else {
            throw new IllegalArgumentException("not an input of the community ledger: " + record.value());
        }
    }

    private long offset() {
        return context.recordMetadata().orElseThrow().offset();
    }

    private void hold(HeldInput input) {
        holdStore.put(input.key(), input);
        held.add(input);
    }

    /**
     * Applies, in {@link HeldInput#ORDER}, the held notifications and actions that go before usage
     * stamped {@code timestampMillis}; the wall-clock check passes the grace's edge instead.
     */
    private void releaseBefore(long timestampMillis) {
        while (!held.isEmpty() && InputOrder.paymentBeforeUsage(held.peek().timestamp(), timestampMillis)) {
            HeldInput next = held.poll();
            holdStore.delete(next.key());
            emit(next.ipn() != null ? task.onIpn(ledger, next.ipn()) : task.onAction(ledger, next.action()),
                    next.timestamp());
        }
    }

    /** Writes off what has expired by {@code nowMillis}, in the communities the expiry index names. */
    void expire(long nowMillis) {
        Instant now = Instant.ofEpochMilli(nowMillis);
        for (String community : ledger.communitiesDueBy(nowMillis)) {
            emit(task.expire(ledger, community, now), nowMillis);
        }
    }

    private void emit(StepResult result, long timestamp) {
        guard.report(result.guard());
        for (LedgerRecord event : result.records()) {
            modes.report(event);
            context.forward(new Record<>(event.key(), event, timestamp));
        }
    }
}
