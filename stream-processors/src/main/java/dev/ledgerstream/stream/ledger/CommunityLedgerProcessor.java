package dev.ledgerstream.stream.ledger;

import dev.ledgerstream.ledger.lots.CommunityLedger;
import dev.ledgerstream.ledger.lots.CommunityState;
import dev.ledgerstream.ledger.lots.LedgerCommand;
import dev.ledgerstream.ledger.lots.LedgerResult;
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
 * Adapts {@code community-store} to the community ledger (SPEC 5.2–5.4), keyed by community:
 * applies mints, grants, revocations and first-seen usage, and on a wall-clock schedule writes
 * off lots whose expiry has passed. Forwards the ledger entries, usage events and violations.
 */
public final class CommunityLedgerProcessor implements Processor<String, LedgerCommand, String, LedgerRecord> {

    public static final String STORE = "community-store";

    private final GuardReporter guard;
    private final Duration expiryInterval;
    private ProcessorContext<String, LedgerRecord> context;
    private KeyValueStore<String, CommunityState> store;

    public CommunityLedgerProcessor(GuardReporter guard, Duration expiryInterval) {
        this.guard = guard;
        this.expiryInterval = expiryInterval;
    }

    @Override
    public void init(ProcessorContext<String, LedgerRecord> context) {
        this.context = context;
        this.store = context.getStateStore(STORE);
        context.schedule(expiryInterval, PunctuationType.WALL_CLOCK_TIME, this::expire);
    }

    @Override
    public void process(Record<String, LedgerCommand> record) {
        LedgerCommand command = record.value();
        LedgerResult result = CommunityLedger.apply(store.get(command.communityId()), command);
        store.put(command.communityId(), result.state());
        emit(result, record.timestamp());
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
