package dev.ledgerstream.ledger.lots;

import dev.ledgerstream.schemas.ledger.LedgerEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes off the lots whose expiry time has come. Every operation runs this first at its own
 * business time, so that no usage is ever paid from a lot that had expired when it arrived, even
 * if the periodic {@code expire} has not run yet.
 */
final class Expiry {

    /** A state after some step, with the entries that step wrote. */
    record Step(CommunityState state, List<LedgerEntry> entries) {

        Step {
            entries = List.copyOf(entries);
        }
    }

    private Expiry() {
    }

    /** Throws {@link ArithmeticException} when a total overflows; callers report that as I-9. */
    static Step due(CommunityState state, Instant at) {
        CommunityState current = state;
        List<LedgerEntry> entries = new ArrayList<>();
        for (Lot lot : state.lots()) {
            if (lot.dueToExpireAt(at)) {
                long writtenOff = lot.remainingMicro();
                current = current.withExpiry(lot.expire(), writtenOff);
                // An exhausted lot closes without an entry: a zero write-off is not a ledger event.
                if (writtenOff > 0) {
                    entries.add(LedgerRecords.expired(lot, writtenOff));
                }
            }
        }
        return new Step(current, entries);
    }
}
