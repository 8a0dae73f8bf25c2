package dev.ledgerstream.ledger.lots;

import dev.ledgerstream.ledger.guard.LedgerBook;
import dev.ledgerstream.schemas.CommunityId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the ledger keeps per community (store {@code community-store}, keyed by community id): its
 * open lots (those with credit left to debit), in debit order, and running totals over every lot
 * it ever had. A lot that closes (exhausted, expired, revoked) leaves this value for a store of its
 * own ({@code lot-store}), so the value, which is read and rewritten on every event of the
 * community, grows with the credit a community holds, never with its history or its usage.
 *
 * <p>No finalization ids are kept here either: usage is de-duplicated before it reaches this
 * ledger, by {@link dev.ledgerstream.ledger.usage.FinalizationDedup} over a store of its own.
 *
 * @param lots         the open lots, kept in {@link Debits#ORDER}, so that equal states render equally
 *                     and a debit walks them from the front
 * @param balanceMicro the sum of the open lots' remaining credit
 */
public record CommunityState(
        String communityId,
        List<Lot> lots,
        long mintedMicro,
        long debitedMicro,
        long expiredMicro,
        long revokedMicro,
        long balanceMicro) implements LedgerBook {

    public CommunityState {
        new CommunityId(communityId);
        lots = inDebitOrder(Objects.requireNonNull(lots, "lots"));
        if (mintedMicro < 0 || debitedMicro < 0 || expiredMicro < 0 || revokedMicro < 0 || balanceMicro < 0) {
            throw new IllegalArgumentException("community totals must not be negative: " + communityId);
        }
    }

    /** The state of a community the ledger has not seen yet. */
    public static CommunityState empty(String communityId) {
        return new CommunityState(communityId, List.of(), 0, 0, 0, 0, 0);
    }

    /**
     * A community that had {@code lots} (all of them, open and closed; a state read back from a
     * ledger): its totals summed over all, its open lots kept. The closed ones belong to the
     * caller's store of closed lots.
     */
    public static CommunityState of(String communityId, List<Lot> lots) {
        long minted = 0;
        long debited = 0;
        long expired = 0;
        long revoked = 0;
        long balance = 0;
        List<Lot> open = new ArrayList<>();
        for (Lot lot : lots) {
            minted = Math.addExact(minted, lot.mintedMicro());
            debited = Math.addExact(debited, lot.debitedMicro());
            expired = Math.addExact(expired, lot.expiredMicro());
            revoked = Math.addExact(revoked, lot.revokedMicro());
            balance = Math.addExact(balance, lot.remainingMicro());
            if (lot.debitable()) {
                open.add(lot);
            }
        }
        return new CommunityState(communityId, open, minted, debited, expired, revoked, balance);
    }

    /** An open lot of this community. */
    public Optional<Lot> findLot(String lotId) {
        for (Lot lot : lots) {
            if (lot.lotId().equals(lotId)) {
                return Optional.of(lot);
            }
        }
        return Optional.empty();
    }

    /**
     * The state after {@code before} (null for a new lot) became {@code after}: the totals move by
     * the lot's difference, and the lot is open afterwards exactly when it can still be debited.
     * Throws {@link ArithmeticException} when a total overflows.
     */
    CommunityState withMoved(Lot before, Lot after) {
        List<Lot> open = new ArrayList<>(lots.size() + 1);
        for (Lot lot : lots) {
            if (!lot.lotId().equals(after.lotId())) {
                open.add(lot);
            }
        }
        if (after.debitable()) {
            open.add(after);
        }
        return new CommunityState(communityId, open,
                Math.addExact(mintedMicro, after.mintedMicro() - (before == null ? 0 : before.mintedMicro())),
                Math.addExact(debitedMicro, after.debitedMicro() - (before == null ? 0 : before.debitedMicro())),
                Math.addExact(expiredMicro, after.expiredMicro() - (before == null ? 0 : before.expiredMicro())),
                Math.addExact(revokedMicro, after.revokedMicro() - (before == null ? 0 : before.revokedMicro())),
                Math.addExact(balanceMicro, after.remainingMicro() - (before == null ? 0 : before.remainingMicro())));
    }

    private static List<Lot> inDebitOrder(List<Lot> lots) {
        for (int i = 1; i < lots.size(); i++) {
            if (Debits.ORDER.compare(lots.get(i - 1), lots.get(i)) > 0) {
                List<Lot> sorted = new ArrayList<>(lots);
                sorted.sort(Debits.ORDER);
                return List.copyOf(sorted);
            }
        }
        return List.copyOf(lots);
    }
}
