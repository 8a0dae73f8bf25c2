package dev.ledgerstream.ledger.lots;

import dev.ledgerstream.schemas.ledger.LotDebit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The FIFO debit order of SPEC 5.3 and the split of one amount across lots. */
final class Debits {

    /**
     * Earliest expiry first (credit that will be lost soonest is used first; no expiry last), then
     * the oldest lot, then the lot id so that the order is total and a replay debits the same lots.
     */
    static final Comparator<Lot> ORDER = Comparator
            .comparing(Lot::expiresAt, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(Lot::createdAt)
            .thenComparing(Lot::lotId);

    /** The lots after the debit, the debits in order, and what they add up to. */
    record Plan(List<Lot> changedLots, List<LotDebit> debits, long debitedMicro) {

        Plan {
            changedLots = List.copyOf(changedLots);
            debits = List.copyOf(debits);
        }
    }

    private Debits() {
    }

    /** Debits up to {@code amountMicro} from the debitable lots, in order; what is left is unfunded. */
    static Plan plan(List<Lot> lots, long amountMicro) {
        List<Lot> candidates = lots.stream().filter(Lot::debitable).sorted(ORDER).toList();
        List<Lot> changed = new ArrayList<>();
        List<LotDebit> debits = new ArrayList<>();
        long left = amountMicro;
        for (Lot lot : candidates) {
            if (left == 0) {
                break;
            }
            long take = Math.min(left, lot.remainingMicro());
            changed.add(lot.debit(take));
            debits.add(new LotDebit(lot.lotId(), take));
            left -= take;
        }
        return new Plan(changed, debits, amountMicro - left);
    }
}
