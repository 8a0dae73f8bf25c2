package dev.ledgerstream.ledger.lots;

import dev.ledgerstream.ledger.guard.LedgerBook;
import dev.ledgerstream.schemas.CommunityId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Everything the ledger keeps per community (store {@code community-store}, keyed by community id):
 * every lot it ever had and its running totals. Lots are kept sorted by id, so that equal states
 * render equally (replay determinism).
 *
 * <p>No finalization ids are kept here. The processor rewrites this whole value on every event of
 * the community, so it must stay small: its size grows with the community's lots (payments and
 * grants), never with its usage. Usage is de-duplicated before it reaches this ledger, by
 * {@link dev.ledgerstream.ledger.usage.FinalizationDedup} over a store of its own keyed by
 * community and finalization id, where each record is one small value that is never rewritten.
 * A state stored by an earlier version with a {@code finalization_hashes} field still reads: the
 * project's JSON mapping ignores unknown fields.
 *
 * @param balanceMicro the sum of the lots' remaining credit
 */
public record CommunityState(
        String communityId,
        List<Lot> lots,
        long mintedMicro,
        long debitedMicro,
        long expiredMicro,
        long revokedMicro,
        long balanceMicro) implements LedgerBook {

    private static final Comparator<Lot> BY_ID = Comparator.comparing(Lot::lotId);

    public CommunityState {
        new CommunityId(communityId);
        List<Lot> sorted = new ArrayList<>(Objects.requireNonNull(lots, "lots"));
        sorted.sort(BY_ID);
        lots = List.copyOf(sorted);
        if (mintedMicro < 0 || debitedMicro < 0 || expiredMicro < 0 || revokedMicro < 0 || balanceMicro < 0) {
            throw new IllegalArgumentException("community totals must not be negative: " + communityId);
        }
    }

    /** The state of a community the ledger has not seen yet. */
    public static CommunityState empty(String communityId) {
        return new CommunityState(communityId, List.of(), 0, 0, 0, 0, 0);
    }

    /** A community holding {@code lots}, its totals summed from them (a state read back from a ledger). */
    public static CommunityState of(String communityId, List<Lot> lots) {
        long minted = 0;
        long debited = 0;
        long expired = 0;
        long revoked = 0;
        long balance = 0;
        for (Lot lot : lots) {
            minted = Math.addExact(minted, lot.mintedMicro());
            debited = Math.addExact(debited, lot.debitedMicro());
            expired = Math.addExact(expired, lot.expiredMicro());
            revoked = Math.addExact(revoked, lot.revokedMicro());
            balance = Math.addExact(balance, lot.remainingMicro());
        }
        return new CommunityState(communityId, lots, minted, debited, expired, revoked, balance);
    }

    public Optional<Lot> findLot(String lotId) {
        return lots.stream().filter(lot -> lot.lotId().equals(lotId)).findFirst();
    }

    CommunityState withLotMinted(Lot lot) {
        List<Lot> all = new ArrayList<>(lots);
        all.add(lot);
        return new CommunityState(communityId, all, Math.addExact(mintedMicro, lot.mintedMicro()), debitedMicro,
                expiredMicro, revokedMicro, Math.addExact(balanceMicro, lot.mintedMicro()));
    }

    CommunityState withDebit(List<Lot> changed, long amountMicro) {
        return new CommunityState(communityId, replace(changed), mintedMicro, Math.addExact(debitedMicro, amountMicro),
                expiredMicro, revokedMicro, Math.subtractExact(balanceMicro, amountMicro));
    }

    CommunityState withExpiry(Lot changed, long amountMicro) {
        return new CommunityState(communityId, replace(List.of(changed)), mintedMicro, debitedMicro,
                Math.addExact(expiredMicro, amountMicro), revokedMicro, Math.subtractExact(balanceMicro, amountMicro));
    }

    CommunityState withRevocation(Lot changed, long amountMicro) {
        return new CommunityState(communityId, replace(List.of(changed)), mintedMicro, debitedMicro, expiredMicro,
                Math.addExact(revokedMicro, amountMicro), Math.subtractExact(balanceMicro, amountMicro));
    }

    private List<Lot> replace(List<Lot> changed) {
        Map<String, Lot> byId = new TreeMap<>();
        lots.forEach(lot -> byId.put(lot.lotId(), lot));
        changed.forEach(lot -> byId.put(lot.lotId(), lot));
        return new ArrayList<>(byId.values());
    }
}
