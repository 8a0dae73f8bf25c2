package dev.ledgerstream.ledger.lots;

import dev.ledgerstream.ledger.guard.ConservationGuard;
import dev.ledgerstream.ledger.guard.GuardContext;
import dev.ledgerstream.ledger.guard.GuardResult;
import dev.ledgerstream.schemas.ingest.UsageFinalizationReceived;
import dev.ledgerstream.schemas.ledger.LotDebit;
import dev.ledgerstream.schemas.ledger.UsageRecorded;
import java.util.ArrayList;
import java.util.List;

/**
 * Records a finalization that the dedup step let through: the debit itself and its overflow
 * fallback. Nothing here remembers the finalization; see {@link CommunityLedger#applyUsage}.
 */
final class UsageDebit {

    private UsageDebit() {
    }

    /**
     * Debits up to the amount from the open lots, front to back (they are kept in debit order);
     * what is left is unfunded. Throws {@link ArithmeticException} on overflow; the caller then uses
     * {@link #recordUnfunded}.
     */
    static LedgerResult record(CommunityState state, UsageFinalizationReceived usage, String hash,
            GuardContext context) {
        Transition transition = Expiry.due(new Transition(state), usage.receivedAt());
        List<LotDebit> debits = debit(transition, usage);
        long debited = 0;
        for (LotDebit debit : debits) {
            debited += debit.amountMicro();
        }
        UsageRecorded draft = LedgerRecords.usage(usage, debits, debited, usage.amountMicro() - debited, hash);
        GuardResult guard = ConservationGuard.checkUsage(draft, context).plus(transition.checkBook(context));
        return CommunityLedger.applied(transition, draft.withGuardResult(guard.outcome()), guard);
    }

    /**
     * Records a finalization in shadow mode (SPEC 5.5): the debits {@link #record} would make,
     * computed on a transition that is then dropped, are kept on the usage event, and nothing
     * changes: no entry, no lot touched, the amount waived. Checked like any usage event (I-3 with
     * the waived part, I-10).
     */
    static LedgerResult shadow(CommunityState state, UsageFinalizationReceived usage, String hash,
            GuardContext context) {
        List<LotDebit> wouldHave;
        try {
            wouldHave = debit(Expiry.due(new Transition(state), usage.receivedAt()), usage);
        } catch (ArithmeticException overflow) {
            wouldHave = List.of();
        }
        UsageRecorded draft = LedgerRecords.shadowUsage(usage, wouldHave, hash);
        GuardResult guard = ConservationGuard.checkUsage(draft, context);
        return CommunityLedger.applied(new Transition(state), draft.withGuardResult(guard.outcome()), guard);
    }

    /**
     * Debits up to the usage's amount from the open lots of {@code transition}, front to back (they
     * are kept in debit order), with an entry per lot; returns the debits. What they leave is unfunded.
     */
    private static List<LotDebit> debit(Transition transition, UsageFinalizationReceived usage) {
        List<LotDebit> debits = new ArrayList<>(1);
        long left = usage.amountMicro();
        for (Lot lot : transition.state().lots()) {
            if (left == 0) {
                break;
            }
            if (!lot.debitable()) {
                continue;
            }
            long take = Math.min(left, lot.remainingMicro());
            transition.move(lot, lot.debit(take));
            transition.entry(LedgerRecords.debited(lot, take, usage.finalizationId(), usage.occurredAt()));
            debits.add(new LotDebit(lot.lotId(), take));
            left -= take;
        }
        return debits;
    }

    /**
     * When the debit cannot be computed without overflowing (only possible on a corrupted state),
     * the usage is still recorded as wholly unfunded; the overflow is reported as I-9 and the state
     * is left as it was.
     */
    static LedgerResult recordUnfunded(CommunityState state, UsageFinalizationReceived usage, String hash,
            GuardContext context) {
        UsageRecorded draft = LedgerRecords.usage(usage, List.of(), 0, usage.amountMicro(), hash);
        GuardResult guard = ConservationGuard.overflow(usage.finalizationId(), "usage", context)
                .plus(ConservationGuard.checkUsage(draft, context));
        return CommunityLedger.applied(new Transition(state), draft.withGuardResult(guard.outcome()), guard);
    }
}
