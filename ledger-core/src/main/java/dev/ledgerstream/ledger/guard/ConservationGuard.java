package dev.ledgerstream.ledger.guard;

import static dev.ledgerstream.ledger.guard.Findings.fail;
import static dev.ledgerstream.ledger.guard.Findings.text;

import dev.ledgerstream.schemas.PaymentStatus;
import dev.ledgerstream.schemas.ledger.Invariant;
import dev.ledgerstream.schemas.ledger.LedgerEntry;
import dev.ledgerstream.schemas.ledger.LotDebit;
import dev.ledgerstream.schemas.ledger.UsageRecorded;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The conservation guard (SPEC 5.4). Each method checks the invariants that one kind of operation
 * can break and returns them as a {@link GuardResult}; the ledger operations call the methods that
 * apply to them and merge the results. The guard re-derives what it checks from the operation's
 * output instead of trusting the code that produced it: that is what makes it a guard.
 *
 * <p>Checks per operation: every community operation {@link #checkBook} (I-1, I-9, I-2, I-11, over
 * the lots it touched and the running totals);
 * usage adds {@link #checkUsage} (I-3, I-10, I-12); the finalization dedup step that runs before
 * usage reaches the community ledger is {@link #checkFinalization} (I-6); a refund
 * adds {@link #checkRevocation} (I-12); a payment notification {@link #checkTransition} (I-7) and,
 * when it mints, {@link #checkMint} (I-4, I-5, I-8); an overflow anywhere is {@link #overflow}
 * (I-9); {@link #checkSystem} is I-13.
 */
public final class ConservationGuard {

    private ConservationGuard() {
    }

    /**
     * I-1, I-9, I-2 and I-11 over a community's ledger after an operation: the lots it touched, the
     * entries it wrote and the running totals, which must have moved from {@code before} by exactly
     * what the touched lots moved. The cost is that of the operation, not of the community's history.
     */
    public static GuardResult checkBook(LedgerBook book, LedgerTotals before, List<LotChange> changes,
            List<LedgerEntry> entries, GuardContext context) {
        List<GuardCheck> checks = new ArrayList<>(4);
        checks.add(BookChecks.lotsNotNegative(changes, context));
        checks.addAll(BookChecks.balances(book, before, changes, context));
        checks.add(BookChecks.entriesCarryLotCommunity(book, changes, entries, context));
        return new GuardResult(checks);
    }

    /**
     * The same checks over a whole book at once, for an audit of a ledger read back from elsewhere
     * (PostgreSQL): every lot as if one operation had created it from an empty community, and
     * {@code entries} written by it. {@link LedgerBook#lots()} may hold closed lots here; they hold
     * nothing, so the balance is still what the lots hold.
     */
    public static GuardResult checkWholeBook(LedgerBook book, List<LedgerEntry> entries, GuardContext context) {
        List<LotChange> changes = book.lots().stream().map(lot -> new LotChange(null, lot)).toList();
        return checkBook(book, LedgerTotals.ZERO, changes, entries, context);
    }

    /**
     * I-6, checked by the finalization dedup step before usage reaches a community's ledger: a
     * finalization id seen before ({@code firstContentHash} not null) is a conflict unless it comes
     * again with the same content from the same community. The identical finalization again is a
     * duplicate, which the dedup step absorbs: that passes. The first version may belong to another
     * community (the cross-community side check, {@code FinalizationDedup.crossCommunity}); then it
     * fails whatever the hashes. The violation names both communities and both content hashes, and
     * is filed under {@code context}'s community (the one whose version came second).
     *
     * <p>The violation's subject names both versions' hashes, not only the second one's: one usage
     * can fail I-6 twice, once against its own community's first version and once against another
     * community's, and the two findings must keep distinct ids for the sink.
     *
     * @param firstCommunityId the community of the version recorded first; null exactly when
     *                         {@code firstContentHash} is
     */
    public static GuardResult checkFinalization(String finalizationId, String firstCommunityId,
            String firstContentHash, String communityId, String contentHash, GuardContext context) {
        if (firstContentHash == null
                || (firstContentHash.equals(contentHash) && communityId.equals(firstCommunityId))) {
            return GuardResult.of(GuardCheck.pass(Invariant.I_6));
        }
        return GuardResult.of(fail(context, Invariant.I_6,
                finalizationId + ":" + firstContentHash + ":" + contentHash,
                "finalization_id", finalizationId,
                "first_community_id", String.valueOf(firstCommunityId), "first_content_hash", firstContentHash,
                "conflicting_community_id", communityId, "conflicting_content_hash", contentHash));
    }

    /** I-3 (or I-9 when its sum overflows), I-10 and I-12 for one recorded usage event. */
    public static GuardResult checkUsage(UsageRecorded usage, GuardContext context) {
        String id = usage.finalizationId();
        GuardCheck debitsAddUp = debitsAddUp(usage, context);
        GuardCheck withinReservation = usage.reservedMicro() == null || usage.amountMicro() <= usage.reservedMicro()
                ? GuardCheck.pass(Invariant.I_10)
                : fail(context, Invariant.I_10, id, "finalization_id", id,
                        "amount_micro", text(usage.amountMicro()), "reserved_micro", text(usage.reservedMicro()));
        GuardCheck funded = usage.unfundedMicro() == 0
                ? GuardCheck.pass(Invariant.I_12)
                : fail(context, Invariant.I_12, id, "reason", "unfunded_usage", "finalization_id", id,
                        "amount_micro", text(usage.amountMicro()), "debited_micro", text(usage.debitedMicro()),
                        "unfunded_micro", text(usage.unfundedMicro()));
        return GuardResult.of(debitsAddUp, withinReservation, funded);
    }

    /** I-12: revoking a refunded payment's lot must not find credit already spent. */
    public static GuardResult checkRevocation(String lotId, String paymentId, long spentMicro, GuardContext context) {
        if (spentMicro == 0) {
            return GuardResult.of(GuardCheck.pass(Invariant.I_12));
        }
        return GuardResult.of(fail(context, Invariant.I_12, lotId, "reason", "spent_then_refunded",
                "lot_id", lotId, "payment_id", paymentId, "spent_micro", text(spentMicro)));
    }

    /** I-7: an accepted notification moves the payment forward; a rejected one changes nothing. */
    public static GuardResult checkTransition(
            PaymentStatus from, PaymentStatus to, boolean accepted, GuardContext context) {
        if (!accepted || from == null || movesForward(from, to)) {
            return GuardResult.of(GuardCheck.pass(Invariant.I_7));
        }
        return GuardResult.of(fail(context, Invariant.I_7, from.wireName() + "->" + to.wireName(),
                "from_status", from.wireName(), "to_status", to.wireName()));
    }

    /**
     * I-4 (the lot's amount is the credit for the price), I-5 (the payment had no lot yet) and I-8
     * (minting happens on {@code finished}) for a notification that mints.
     */
    public static GuardResult checkMint(String paymentId, PaymentStatus status, boolean paymentHadLot,
            long expectedMicro, long mintedMicro, GuardContext context) {
        GuardCheck price = expectedMicro == mintedMicro
                ? GuardCheck.pass(Invariant.I_4)
                : fail(context, Invariant.I_4, paymentId, "payment_id", paymentId,
                        "expected_micro", text(expectedMicro), "minted_micro", text(mintedMicro));
        GuardCheck oneLot = !paymentHadLot
                ? GuardCheck.pass(Invariant.I_5)
                : fail(context, Invariant.I_5, paymentId, "payment_id", paymentId, "reason", "payment already has a lot");
        GuardCheck onFinished = status == PaymentStatus.FINISHED
                ? GuardCheck.pass(Invariant.I_8)
                : fail(context, Invariant.I_8, paymentId, "payment_id", paymentId, "status", status.wireName());
        return GuardResult.of(price, oneLot, onFinished);
    }

    /** I-5 seen from the community ledger: a second mint of a lot that already exists. */
    public static GuardResult duplicateLot(String lotId, String paymentId, GuardContext context) {
        return GuardResult.of(fail(context, Invariant.I_5, lotId, "lot_id", lotId,
                "payment_id", String.valueOf(paymentId), "reason", "lot minted twice"));
    }

    /** I-9: an arithmetic overflow stopped an operation; it is reported, never thrown. */
    public static GuardResult overflow(String subject, String operation, GuardContext context) {
        return GuardResult.of(fail(context, Invariant.I_9, subject,
                "reason", "64-bit overflow", "operation", operation, "subject", subject));
    }

    /** I-13 over a set of community ledgers (I-9 when their sums overflow). */
    public static GuardResult checkSystem(Collection<? extends LedgerBook> books, GuardContext context) {
        LedgerTotals totals = LedgerTotals.ZERO;
        try {
            for (LedgerBook book : books) {
                totals = totals.plus(LedgerTotals.of(book));
            }
        } catch (ArithmeticException overflow) {
            return overflow("system", "sum of community totals", context);
        }
        return checkSystem(totals, context);
    }

    /** I-13: Σ minted = Σ balances + Σ debited + Σ expired + Σ revoked (I-9 when that sum overflows). */
    public static GuardResult checkSystem(LedgerTotals totals, GuardContext context) {
        long accountedFor;
        try {
            accountedFor = Math.addExact(Math.addExact(Math.addExact(
                    totals.balanceMicro(), totals.debitedMicro()), totals.expiredMicro()), totals.revokedMicro());
        } catch (ArithmeticException overflow) {
            return overflow("system", "balance + debited + expired + revoked", context);
        }
        if (accountedFor == totals.mintedMicro()) {
            return GuardResult.of(GuardCheck.pass(Invariant.I_13));
        }
        return GuardResult.of(fail(context, Invariant.I_13, "system", "minted_micro", text(totals.mintedMicro()),
                "balance_micro", text(totals.balanceMicro()), "debited_micro", text(totals.debitedMicro()),
                "expired_micro", text(totals.expiredMicro()), "revoked_micro", text(totals.revokedMicro())));
    }

    private static GuardCheck debitsAddUp(UsageRecorded usage, GuardContext context) {
        String id = usage.finalizationId();
        long debited = 0;
        long covered;
        try {
            for (LotDebit debit : usage.debits()) {
                debited = Math.addExact(debited, debit.amountMicro());
            }
            covered = Math.addExact(Math.addExact(debited, usage.unfundedMicro()), usage.waivedMicro());
        } catch (ArithmeticException overflow) {
            return overflow(id, "usage debits + unfunded", context).checks().get(0);
        }
        if (covered == usage.amountMicro() && debited == usage.debitedMicro()) {
            return GuardCheck.pass(Invariant.I_3);
        }
        return fail(context, Invariant.I_3, id, "finalization_id", id, "amount_micro", text(usage.amountMicro()),
                "sum_of_debits_micro", text(debited), "debited_micro", text(usage.debitedMicro()),
                "unfunded_micro", text(usage.unfundedMicro()), "waived_micro", text(usage.waivedMicro()));
    }

    /**
     * SPEC 5.1 restated here rather than shared with the payment decider, so that a mistake in the
     * decider's table cannot also hide from the check (the database trigger restates it a third time).
     */
    private static boolean movesForward(PaymentStatus from, PaymentStatus to) {
        if (from == PaymentStatus.FAILED || from == PaymentStatus.EXPIRED || from == PaymentStatus.REFUNDED) {
            return false;
        }
        if (from == PaymentStatus.FINISHED || to == PaymentStatus.REFUNDED) {
            return from == PaymentStatus.FINISHED && to == PaymentStatus.REFUNDED;
        }
        return stage(to) > stage(from);
    }

    private static int stage(PaymentStatus status) {
        return switch (status) {
            case WAITING -> 0;
            case CONFIRMING -> 1;
            case CONFIRMED -> 2;
            case SENDING -> 3;
            case PARTIALLY_PAID -> 4;
            case FINISHED, FAILED, EXPIRED -> 5;
            case REFUNDED -> 6;
        };
    }
}
