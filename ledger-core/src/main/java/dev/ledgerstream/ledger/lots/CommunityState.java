package dev.ledgerstream.ledger.lots;

import dev.ledgerstream.ledger.guard.LedgerBook;
import dev.ledgerstream.schemas.CommunityId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Everything the ledger keeps per community (store {@code ledger-store}, keyed by community id):
 * every lot it ever had, its running totals, and the content hash of every finalization it
 * recorded. Lots are kept sorted by id and hashes in a sorted map, so that equal states render
 * equally (replay determinism).
 *
 * <p>Usage de-duplication is permanent (I-6), so {@code finalizationHashes} grows with every
 * finalization the community ever sent; at high volume it should move to a store of its own keyed
 * by finalization id.
 *
 * @param balanceMicro       the sum of the lots' remaining credit
 * @param finalizationHashes finalization id → content hash of the version that was recorded
 */
public record CommunityState(
        String communityId,
        List<Lot> lots,
        long mintedMicro,
        long debitedMicro,
        long expiredMicro,
        long revokedMicro,
        long balanceMicro,
        Map<String, String> finalizationHashes) implements LedgerBook {

    private static final Comparator<Lot> BY_ID = Comparator.comparing(Lot::lotId);

    public CommunityState {
        new CommunityId(communityId);
        List<Lot> sorted = new ArrayList<>(Objects.requireNonNull(lots, "lots"));
        sorted.sort(BY_ID);
        lots = List.copyOf(sorted);
        if (mintedMicro < 0 || debitedMicro < 0 || expiredMicro < 0 || revokedMicro < 0 || balanceMicro < 0) {
            throw new IllegalArgumentException("community totals must not be negative: " + communityId);
        }
        finalizationHashes = Collections.unmodifiableMap(
                new TreeMap<>(Objects.requireNonNull(finalizationHashes, "finalizationHashes")));
    }

    /** The state of a community the ledger has not seen yet. */
    public static CommunityState empty(String communityId) {
        return new CommunityState(communityId, List.of(), 0, 0, 0, 0, 0, Map.of());
    }

    public Optional<Lot> findLot(String lotId) {
        return lots.stream().filter(lot -> lot.lotId().equals(lotId)).findFirst();
    }

    CommunityState withLotMinted(Lot lot) {
        List<Lot> all = new ArrayList<>(lots);
        all.add(lot);
        return new CommunityState(communityId, all, Math.addExact(mintedMicro, lot.mintedMicro()), debitedMicro,
                expiredMicro, revokedMicro, Math.addExact(balanceMicro, lot.mintedMicro()), finalizationHashes);
    }

    CommunityState withDebit(List<Lot> changed, long amountMicro, String finalizationId, String contentHash) {
        return new CommunityState(communityId, replace(changed), mintedMicro, Math.addExact(debitedMicro, amountMicro),
                expiredMicro, revokedMicro, Math.subtractExact(balanceMicro, amountMicro),
                withHash(finalizationId, contentHash));
    }

    /** Only the finalization is remembered: the fallback when its debit could not be computed. */
    CommunityState withFinalization(String finalizationId, String contentHash) {
        return new CommunityState(communityId, lots, mintedMicro, debitedMicro, expiredMicro, revokedMicro,
                balanceMicro, withHash(finalizationId, contentHash));
    }

    CommunityState withExpiry(Lot changed, long amountMicro) {
        return new CommunityState(communityId, replace(List.of(changed)), mintedMicro, debitedMicro,
                Math.addExact(expiredMicro, amountMicro), revokedMicro, Math.subtractExact(balanceMicro, amountMicro),
                finalizationHashes);
    }

    CommunityState withRevocation(Lot changed, long amountMicro) {
        return new CommunityState(communityId, replace(List.of(changed)), mintedMicro, debitedMicro, expiredMicro,
                Math.addExact(revokedMicro, amountMicro), Math.subtractExact(balanceMicro, amountMicro),
                finalizationHashes);
    }

    private List<Lot> replace(List<Lot> changed) {
        Map<String, Lot> byId = new TreeMap<>();
        lots.forEach(lot -> byId.put(lot.lotId(), lot));
        changed.forEach(lot -> byId.put(lot.lotId(), lot));
        return new ArrayList<>(byId.values());
    }

    private Map<String, String> withHash(String finalizationId, String contentHash) {
        Map<String, String> hashes = new TreeMap<>(finalizationHashes);
        hashes.put(finalizationId, contentHash);
        return hashes;
    }
}
