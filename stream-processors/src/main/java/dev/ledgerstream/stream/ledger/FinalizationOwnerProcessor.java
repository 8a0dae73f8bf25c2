package dev.ledgerstream.stream.ledger;

import dev.ledgerstream.ledger.usage.CrossCommunityCheck;
import dev.ledgerstream.ledger.usage.FinalizationDedup;
import dev.ledgerstream.ledger.usage.RecordedFinalization;
import dev.ledgerstream.schemas.ledger.GuardViolation;
import dev.ledgerstream.stream.guard.GuardReporter;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The global side of I-6, keyed by {@code finalization_id}: remembers which community used an id
 * first ({@code finalization-owner-store}) and reports an id reused by another community as a
 * violation. It only reports: partitions of different communities have no order that could say
 * which use came first, so each community's ledger keeps its own (see {@code CommunityLedgerProcessor}).
 */
public final class FinalizationOwnerProcessor
        implements Processor<String, RecordedFinalization, String, GuardViolation> {

    public static final String STORE = "finalization-owner-store";

    private final GuardReporter guard;
    private ProcessorContext<String, GuardViolation> context;
    private KeyValueStore<String, RecordedFinalization> owners;

    public FinalizationOwnerProcessor(GuardReporter guard) {
        this.guard = guard;
    }

    @Override
    public void init(ProcessorContext<String, GuardViolation> context) {
        this.context = context;
        this.owners = context.getStateStore(STORE);
    }

    @Override
    public void process(Record<String, RecordedFinalization> record) {
        RecordedFinalization claim = record.value();
        CrossCommunityCheck check = FinalizationDedup.crossCommunity(owners.get(claim.finalizationId()), claim);
        check.ownerToRecord().ifPresent(owner -> owners.put(claim.finalizationId(), owner));
        check.violation().ifPresent(violation -> {
            guard.report(check.guard());
            context.forward(record.withKey(violation.key()).withValue(violation));
        });
    }
}
