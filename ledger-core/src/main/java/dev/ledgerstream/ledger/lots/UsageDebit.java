package dev.ledgerstream.ledger.lots;

import dev.ledgerstream.ledger.guard.ConservationGuard;
import dev.ledgerstream.ledger.guard.GuardContext;
import dev.ledgerstream.ledger.guard.GuardResult;
import dev.ledgerstream.schemas.ingest.UsageFinalizationReceived;
import dev.ledgerstream.schemas.ledger.LedgerEntry;
import dev.ledgerstream.schemas.ledger.LotDebit;
import dev.ledgerstream.schemas.ledger.UsageRecorded;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Records a finalization that the dedup step let through: the debit itself and its overflow
 * fallback. Nothing here remembers the finalization; see {@link CommunityLedger#applyUsage}.
 */
final class UsageDebit {

    private UsageDebit() {
    }

    /** Throws {@link ArithmeticException} on overflow; the caller then uses {@link #recordUnfunded}. */
    static LedgerResult record(CommunityState state, UsageFinalizationReceived usage, String hash, GuardContext context) {
        Expiry.Step expiry = Expiry.due(state, usage.receivedAt());
        Debits.Plan plan = Debits.plan(expiry.state().lots(), usage.amountMicro());
        long unfunded = Math.subtractExact(usage.amountMicro(), plan.debitedMicro());
        CommunityState after = expiry.state().withDebit(plan.changedLots(), plan.debitedMicro());
        List<LedgerEntry> entries = new ArrayList<>(expiry.entries());
        Map<String, Lot> lots = expiry.state().lots().stream().collect(Collectors.toMap(Lot::lotId, Function.identity()));
        for (LotDebit debit : plan.debits()) {
            entries.add(LedgerRecords.debited(lots.get(debit.lotId()), debit.amountMicro(), usage.finalizationId(),
                    usage.occurredAt()));
        }
        UsageRecorded draft = LedgerRecords.usage(usage, plan.debits(), plan.debitedMicro(), unfunded, hash);
        GuardResult guard = ConservationGuard.checkUsage(draft, context)
                .plus(ConservationGuard.checkBook(after, entries, context));
        return CommunityLedger.applied(after, entries, draft.withGuardResult(guard.outcome()), guard);
    }

    /**
     * When the debit cannot be computed without overflowing (only possible on a corrupted state),
     * the usage is still recorded as wholly unfunded; the overflow is reported as I-9 and the state
     * is left as it was.
     */
    static LedgerResult recordUnfunded(CommunityState state, UsageFinalizationReceived usage, String hash, GuardContext context) {
        UsageRecorded draft = LedgerRecords.usage(usage, List.of(), 0, usage.amountMicro(), hash);
        GuardResult guard = ConservationGuard.overflow(usage.finalizationId(), "usage", context)
                .plus(ConservationGuard.checkUsage(draft, context));
        return CommunityLedger.applied(state, List.of(), draft.withGuardResult(guard.outcome()), guard);
    }
}
