package dev.ledgerstream.ledger.usage;

import dev.ledgerstream.ledger.guard.ConservationGuard;
import dev.ledgerstream.ledger.guard.GuardContext;
import dev.ledgerstream.ledger.guard.GuardResult;
import dev.ledgerstream.ledger.lots.UsageInput;

/**
 * De-duplication of usage by finalization id (SPEC 5.3, I-6) as a pure decision. The caller looks
 * up the id in its store (the processor's {@code finalization-store}, the reconcile tool's map),
 * calls {@link #check}, stores {@link FinalizationCheck#recorded()} when the verdict is
 * {@code FIRST}, emits {@link FinalizationCheck#events()}, and passes the usage on to
 * {@code CommunityLedger.applyUsage} only on {@code FIRST}.
 *
 * <p>A finalization id is globally unique, so the same id from two communities is a conflict like
 * any other: the first version stands in its own community's ledger, and the I-6 violation is
 * filed under the community of the refused version. That community's admin is the one who needs to
 * act (its publisher reused an id, and its usage was not recorded), and the first community's
 * conservation status is not turned to {@code violated} by another tenant's mistake. The violation
 * names both communities and both content hashes, for the operator.
 */
public final class FinalizationDedup {

    private FinalizationDedup() {
    }

    /**
     * Decides {@code usage} given the record stored under its finalization id ({@code prior}, null
     * when the id was not seen yet). Throws only for a caller bug: a record of another id.
     */
    public static FinalizationCheck check(RecordedFinalization prior, UsageInput usage) {
        if (prior != null && !prior.finalizationId().equals(usage.finalizationId())) {
            throw new IllegalArgumentException("finalization " + usage.finalizationId()
                    + " checked against the record of " + prior.finalizationId());
        }
        String hash = usage.contentHash();
        // The same cause id as the usage's ledger operation, so both are traced to the finalization.
        GuardContext context = new GuardContext(usage.communityId(), "usage:" + usage.finalizationId(),
                usage.receivedAt());
        if (prior == null) {
            RecordedFinalization first = new RecordedFinalization(usage.finalizationId(), usage.communityId(), hash,
                    usage.receivedAt());
            return new FinalizationCheck(FinalizationVerdict.FIRST, first, guard(null, usage, hash, context));
        }
        boolean sameVersion = prior.communityId().equals(usage.communityId()) && prior.contentHash().equals(hash);
        FinalizationVerdict verdict = sameVersion ? FinalizationVerdict.DUPLICATE : FinalizationVerdict.CONFLICT;
        return new FinalizationCheck(verdict, prior, guard(prior, usage, hash, context));
    }

    private static GuardResult guard(RecordedFinalization prior, UsageInput usage, String hash, GuardContext context) {
        return ConservationGuard.checkFinalization(usage.finalizationId(),
                prior == null ? null : prior.communityId(), prior == null ? null : prior.contentHash(),
                usage.communityId(), hash, context);
    }
}
