package dev.ledgerstream.ledger.guard;

import java.util.Objects;

/**
 * One lot an operation touched, as it was and as it is: what the guard checks of a community's
 * lots after the operation, next to the running totals (SPEC 5.4), instead of every lot the
 * community ever had.
 *
 * @param before the lot before the operation; null for a lot the operation created
 * @param after  the lot after the operation
 */
public record LotChange(LotBalance before, LotBalance after) {

    public LotChange {
        Objects.requireNonNull(after, "after");
        if (before != null && !before.lotId().equals(after.lotId())) {
            throw new IllegalArgumentException("a change is of one lot: " + before.lotId() + " / " + after.lotId());
        }
    }
}
