package dev.ledgerstream.stream.ledger;

import dev.ledgerstream.ledger.usage.FinalizationDedup;
import dev.ledgerstream.ledger.usage.RecordedFinalization;
import dev.ledgerstream.ledger.usage.UsageContent;
import dev.ledgerstream.schemas.ingest.UsageFinalizationReceived;

/**
 * A usage finalization with its content hash, computed once as it enters the topology and used by
 * both of its paths: the community task's dedup and the owner check's claim. Never serialized.
 */
public record HashedUsage(UsageFinalizationReceived usage, String contentHash) {

    public static HashedUsage of(UsageFinalizationReceived usage) {
        return new HashedUsage(usage, UsageContent.hash(usage));
    }

    /** What the owner check needs of it, small enough to re-key cheaply. */
    public RecordedFinalization claim() {
        return FinalizationDedup.claim(usage, contentHash);
    }
}
