package dev.ledgerstream.stream.ledger;

import dev.ledgerstream.ledger.lots.CommunityLedger;
import dev.ledgerstream.ledger.lots.CommunityState;
import dev.ledgerstream.ledger.lots.LedgerCommand;
import dev.ledgerstream.ledger.lots.LedgerResult;
import dev.ledgerstream.ledger.lots.UsageInput;
import dev.ledgerstream.ledger.usage.FinalizationCheck;
import dev.ledgerstream.ledger.usage.FinalizationDedup;
import dev.ledgerstream.ledger.usage.RecordedFinalization;
import dev.ledgerstream.schemas.ledger.LedgerRecord;
import dev.ledgerstream.stream.guard.GuardReporter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Adapts {@code community-store} and {@code finalization-store} to the community ledger
 * (SPEC 5.2–5.4), keyed by community: deduplicates usage within the community (I-6, the first
 * version stands), applies mints, grants, revocations and first-seen usage in the order they
 * arrive, and on a wall-clock schedule writes off lots whose expiry has passed. Forwards the
 * ledger entries, usage events and violations. Usage reaches this task straight from its
 * community's partition, so it is applied in the order it was ingested, which is the order a
 * replay applies it in (I-14).
 */
public final class CommunityLedgerProcessor implements Processor<String, LedgerCommand, String, LedgerRecord> {

    public static final String STORE = "community-store";
    public static final String FINALIZATIONS = "finalization-store";

    private final GuardReporter guard;
    private final Duration expiryInterval;
    private ProcessorContext<String, LedgerRecord> context;
    private KeyValueStore<String, CommunityState> store;
    private KeyValueStore<String, RecordedFinalization> finalizations;

    public CommunityLedgerProcessor(GuardReporter guard, Duration expiryInterval) {
        this.guard = guard;
        this.expiryInterval = expiryInterval;
    }

    @Override
    public void init(ProcessorContext<String, LedgerRecord> context) {
        this.context = context;
        this.store = context.getStateStore(STORE);
        this.finalizations = context.getStateStore(FINALIZATIONS);
        context.schedule(expiryInterval, PunctuationType.WALL_CLOCK_TIME, this::expire);
    }

    @Override
    public void process(Record<String, LedgerCommand> record) {
        LedgerCommand command = record.value();
        if (command instanceof UsageInput usage && !firstSight(usage, record.timestamp())) {
            return;
        }
        LedgerResult result = CommunityLedger.apply(store.get(command.communityId()), command);
        store.put(command.communityId(), result.state());
        emit(result, record.timestamp());
    }

    /** Records a finalization seen for the first time in its community; reports repeats. */
    private boolean firstSight(UsageInput usage, long timestamp) {
        String key = RecordedFinalization.storeKey(usage.communityId(), usage.finalizationId());
        FinalizationCheck check = FinalizationDedup.check(finalizations.get(key), usage);
        guard.report(check.guard());
        check.events().forEach(event -> context.forward(new Record<>(event.key(), event, timestamp)));
        if (check.isFirst()) {
            finalizations.put(key, check.recorded());
        }
        return check.isFirst();
    }

    /** Writes off what has expired by {@code nowMillis} in every community of this task. */
    void expire(long nowMillis) {
        Instant now = Instant.ofEpochMilli(nowMillis);
        List<KeyValue<String, CommunityState>> communities = new ArrayList<>();
        try (KeyValueIterator<String, CommunityState> all = store.all()) {
            all.forEachRemaining(communities::add);
        }
        for (KeyValue<String, CommunityState> community : communities) {
            LedgerResult result = CommunityLedger.expire(community.value, now);
            if (!result.events().isEmpty()) {
                store.put(community.key, result.state());
                emit(result, nowMillis);
            }
        }
    }

    private void emit(LedgerResult result, long timestamp) {
        guard.report(result.guard());
        for (LedgerRecord event : result.events()) {
            context.forward(new Record<>(event.key(), event, timestamp));
        }
    }
}
