package dev.ledgerstream.ledger.usage;

import dev.ledgerstream.ledger.guard.GuardResult;
import dev.ledgerstream.schemas.ledger.GuardViolation;
import dev.ledgerstream.schemas.ledger.LedgerRecord;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the cross-community side check decided for one usage ({@link FinalizationDedup#crossCommunity}).
 * At most one of the two is present: an owner to record (the id's first sight anywhere) or a
 * violation (the id is owned by another community). Neither when the owner is the usage's own
 * community: its main path decides that usage.
 *
 * @param ownerToRecord the record to store under the finalization id when the id was not owned yet;
 *                      empty otherwise, and then the owner store is left as it is
 * @param guard         the one failed I-6 check of a reuse by another community, or
 *                      {@link GuardResult#NONE}: the main path already runs (and counts) the I-6
 *                      check of every usage, so the side check adds a check only when it finds a reuse
 */
public record CrossCommunityCheck(Optional<RecordedFinalization> ownerToRecord, GuardResult guard) {

    /** The outcome when there is nothing to record and nothing to report. */
    static final CrossCommunityCheck NOTHING = new CrossCommunityCheck(Optional.empty(), GuardResult.NONE);

    public CrossCommunityCheck {
        Objects.requireNonNull(ownerToRecord, "ownerToRecord");
        Objects.requireNonNull(guard, "guard");
        boolean oneFailure = guard.checks().size() == 1 && !guard.passed();
        if (!guard.checks().isEmpty() && !oneFailure) {
            throw new IllegalArgumentException("a side check reports at most one failed check: " + guard);
        }
        if (ownerToRecord.isPresent() && !guard.checks().isEmpty()) {
            throw new IllegalArgumentException("a first sight has nothing to report");
        }
    }

    /** The I-6 violation to emit, filed under the usage's community, or empty. */
    public Optional<GuardViolation> violation() {
        return guard.violations().stream().findFirst();
    }

    /** The records to emit, like {@link FinalizationCheck#events()}: the violation, or nothing. */
    public List<LedgerRecord> events() {
        return List.copyOf(guard.violations());
    }
}
