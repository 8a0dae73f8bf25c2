package dev.ledgerstream.ledger.guard;

import static dev.ledgerstream.ledger.guard.Findings.fail;
import static dev.ledgerstream.ledger.guard.Findings.text;

import dev.ledgerstream.schemas.ledger.Invariant;
import dev.ledgerstream.schemas.ledger.LedgerEntry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The checks that hold for a community's ledger after any operation: I-1, I-9, I-2 and I-11, over
 * the lots the operation touched and the running totals. They are exact by induction: if the
 * ledger held them before the operation, every lot it did not touch still does, and the totals
 * are checked to have moved by exactly what the touched lots moved.
 */
final class BookChecks {

    private BookChecks() {
    }

    /** I-1: no touched lot's remaining balance is negative (the untouched ones have not moved). */
    static GuardCheck lotsNotNegative(List<LotChange> changes, GuardContext context) {
        for (LotChange change : changes) {
            LotBalance lot = change.after();
            if (lot.remainingMicro() < 0) {
                return fail(context, Invariant.I_1, lot.lotId(),
                        "lot_id", lot.lotId(), "remaining_micro", text(lot.remainingMicro()));
            }
        }
        return GuardCheck.pass(Invariant.I_1);
    }

    /**
     * I-9 (no negative amount, no overflowing sum) and, when the sums exist, I-2. I-2 is not
     * evaluated when I-9 fails, because a balance identity over overflowed sums means nothing.
     */
    static List<GuardCheck> balances(LedgerBook book, LedgerTotals before, List<LotChange> changes,
            GuardContext context) {
        String negative = firstNegativeAmount(book, changes);
        if (negative != null) {
            return List.of(fail(context, Invariant.I_9, negative, "reason", "negative amount", "field", negative));
        }
        try {
            return List.of(GuardCheck.pass(Invariant.I_9), balanceIdentity(book, before, changes, context));
        } catch (ArithmeticException overflow) {
            return List.of(fail(context, Invariant.I_9, "sums:" + book.communityId(),
                    "reason", "a sum over the community's lots overflows a 64-bit integer"));
        }
    }

    /** I-11: every entry carries the community of its lot, and that lot is one the operation touched. */
    static GuardCheck entriesCarryLotCommunity(LedgerBook book, List<LotChange> changes, List<LedgerEntry> entries,
            GuardContext context) {
        Map<String, String> lotCommunities = new HashMap<>();
        changes.forEach(change -> lotCommunities.put(change.after().lotId(), change.after().communityId()));
        for (LedgerEntry entry : entries) {
            String lotCommunity = lotCommunities.get(entry.lotId());
            if (!entry.communityId().equals(book.communityId()) || !entry.communityId().equals(lotCommunity)) {
                return fail(context, Invariant.I_11, entry.entryId(),
                        "entry_id", entry.entryId(), "entry_community_id", entry.communityId(),
                        "lot_community_id", String.valueOf(lotCommunity), "book_community_id", book.communityId());
            }
        }
        return GuardCheck.pass(Invariant.I_11);
    }

    private static String firstNegativeAmount(LedgerBook book, List<LotChange> changes) {
        for (LotChange change : changes) {
            LotBalance lot = change.after();
            if (lot.mintedMicro() < 0 || lot.debitedMicro() < 0 || lot.expiredMicro() < 0 || lot.revokedMicro() < 0) {
                return "lot:" + lot.lotId();
            }
        }
        // The balance is left out: it is the sum of the lots' remaining credit, which I-1 and I-2 cover.
        boolean anyNegative = book.mintedMicro() < 0 || book.debitedMicro() < 0 || book.expiredMicro() < 0
                || book.revokedMicro() < 0;
        return anyNegative ? "totals:" + book.communityId() : null;
    }

    /**
     * I-2, in four parts, the first failure reported: each touched lot's remaining credit is its
     * history; the totals moved by what the touched lots moved; the totals' own identity
     * (minted − debited − expired − revoked = balance); and the balance is what the open lots hold.
     * Throws {@link ArithmeticException} when a sum overflows.
     */
    private static GuardCheck balanceIdentity(LedgerBook book, LedgerTotals before, List<LotChange> changes,
            GuardContext context) {
        LedgerTotals moved = LedgerTotals.ZERO;
        for (LotChange change : changes) {
            LotBalance lot = change.after();
            long expected = Math.subtractExact(Math.subtractExact(Math.subtractExact(
                    lot.mintedMicro(), lot.debitedMicro()), lot.expiredMicro()), lot.revokedMicro());
            if (expected != lot.remainingMicro()) {
                return fail(context, Invariant.I_2, lot.lotId(), "lot_id", lot.lotId(),
                        "minted_micro", text(lot.mintedMicro()), "debited_micro", text(lot.debitedMicro()),
                        "expired_micro", text(lot.expiredMicro()), "revoked_micro", text(lot.revokedMicro()),
                        "remaining_micro", text(lot.remainingMicro()));
            }
            moved = moved.plus(LedgerTotals.of(lot)).minus(change.before() == null ? LedgerTotals.ZERO
                    : LedgerTotals.of(change.before()));
        }
        LedgerTotals recorded = LedgerTotals.of(book);
        if (!recorded.minus(before).equals(moved)) {
            return fail(context, Invariant.I_2, "totals:" + book.communityId(),
                    "lot_changes", moved.toString(), "community_totals_before", before.toString(),
                    "community_totals", recorded.toString());
        }
        long accounted = Math.subtractExact(Math.subtractExact(Math.subtractExact(
                recorded.mintedMicro(), recorded.debitedMicro()), recorded.expiredMicro()), recorded.revokedMicro());
        long open = 0;
        for (LotBalance lot : book.lots()) {
            open = Math.addExact(open, lot.remainingMicro());
        }
        if (accounted != recorded.balanceMicro() || open != recorded.balanceMicro()) {
            return fail(context, Invariant.I_2, "balance:" + book.communityId(),
                    "community_totals", recorded.toString(), "open_lots_remaining_micro", text(open));
        }
        return GuardCheck.pass(Invariant.I_2);
    }
}
