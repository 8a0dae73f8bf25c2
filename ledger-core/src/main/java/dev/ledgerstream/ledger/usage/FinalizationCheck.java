package dev.ledgerstream.ledger.usage;

import dev.ledgerstream.ledger.guard.GuardResult;
import dev.ledgerstream.schemas.ledger.LedgerRecord;
import java.util.List;
import java.util.Objects;

/**
 * What the main path's dedup step decided for one finalization in its community
 * ({@link FinalizationDedup#check}).
 *
 * @param verdict  first sight, duplicate or conflict
 * @param recorded the version that stands: for {@link FinalizationVerdict#FIRST} the new record,
 *                 which the caller stores under {@link RecordedFinalization#storeKey()}; otherwise
 *                 the stored record, unchanged, so there is nothing to store
 * @param guard    exactly one I-6 check: passed for a first sight or a duplicate, failed for a
 *                 conflict; the processor counts it like every other check
 */
public record FinalizationCheck(FinalizationVerdict verdict, RecordedFinalization recorded, GuardResult guard) {

    public FinalizationCheck {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(recorded, "recorded");
        Objects.requireNonNull(guard, "guard");
    }

    /** True when the usage goes on to its community's ledger and {@link #recorded} is to be stored. */
    public boolean isFirst() {
        return verdict == FinalizationVerdict.FIRST;
    }

    /** The records to emit: the conflict's I-6 violation, or nothing. */
    public List<LedgerRecord> events() {
        return List.copyOf(guard.violations());
    }
}
