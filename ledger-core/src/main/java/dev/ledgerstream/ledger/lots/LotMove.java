package dev.ledgerstream.ledger.lots;

import dev.ledgerstream.ledger.guard.LotChange;
import java.util.Objects;

/**
 * One lot an operation touched, as it was (null for a lot the operation created) and as it is.
 */
record LotMove(Lot before, Lot after) {

    LotMove {
        Objects.requireNonNull(after, "after");
    }

    LotChange forGuard() {
        return new LotChange(before, after);
    }
}
