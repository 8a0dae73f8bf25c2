package dev.ledgerstream.ledger.lots;

import java.time.Instant;
import java.util.List;

/**
 * Writes off the lots whose expiry time has come. Every operation runs this first at its own
 * business time, so that no usage is ever paid from a lot that had expired when it arrived, even
 * if the periodic {@code expire} has not run yet. Only open lots can expire: a closed lot has
 * nothing to write off.
 */
final class Expiry {

    private Expiry() {
    }

    /** Throws {@link ArithmeticException} when a total overflows; callers report that as I-9. */
    static Transition due(Transition transition, Instant at) {
        List<Lot> open = transition.state().lots();
        for (Lot lot : open) {
            if (lot.dueToExpireAt(at)) {
                transition.move(lot, lot.expire());
                // An exhausted lot closes without an entry: a zero write-off is not a ledger event.
                if (lot.remainingMicro() > 0) {
                    transition.entry(LedgerRecords.expired(lot, lot.remainingMicro()));
                }
            }
        }
        return transition;
    }
}
