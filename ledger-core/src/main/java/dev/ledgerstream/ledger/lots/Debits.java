package dev.ledgerstream.ledger.lots;

import java.util.Comparator;

/** The FIFO debit order of SPEC 5.3. */
final class Debits {

    /**
     * Earliest expiry first (credit that will be lost soonest is used first; no expiry last), then
     * the oldest lot, then the lot id so that the order is total and a replay debits the same lots.
     */
    static final Comparator<Lot> ORDER = Comparator
            .comparing(Lot::expiresAt, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(Lot::createdAt)
            .thenComparing(Lot::lotId);

    private Debits() {
    }
}
