package dev.ledgerstream.stream.ledger;

import dev.ledgerstream.ledger.lots.UsageInput;
import dev.ledgerstream.ledger.usage.FinalizationCheck;
import dev.ledgerstream.ledger.usage.FinalizationDedup;
import dev.ledgerstream.ledger.usage.RecordedFinalization;
import dev.ledgerstream.schemas.ingest.UsageFinalizationReceived;
import dev.ledgerstream.schemas.ledger.LedgerRecord;
import dev.ledgerstream.stream.guard.GuardReporter;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Adapts {@code finalization-store} to the finalization dedup rule (I-6), keyed by
 * {@code finalization_id} so that the id is unique across all communities and forever: the first
 * version goes on to its community's ledger, an identical repeat is dropped, a different repeat
 * is a recorded conflict.
 */
public final class FinalizationDedupProcessor implements Processor<String, UsageFinalizationReceived, String, Object> {

    public static final String STORE = "finalization-store";

    private final GuardReporter guard;
    private ProcessorContext<String, Object> context;
    private KeyValueStore<String, RecordedFinalization> store;

    public FinalizationDedupProcessor(GuardReporter guard) {
        this.guard = guard;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.store = context.getStateStore(STORE);
    }

    @Override
    public void process(Record<String, UsageFinalizationReceived> record) {
        UsageInput usage = UsageInput.from(record.value());
        FinalizationCheck check = FinalizationDedup.check(store.get(usage.finalizationId()), usage);
        guard.report(check.guard());
        if (check.isFirst()) {
            store.put(usage.finalizationId(), check.recorded());
            context.forward(record.withKey(usage.communityId()).withValue(usage));
        }
        for (LedgerRecord event : check.events()) {
            context.forward(record.withKey(event.key()).withValue(event));
        }
    }
}
