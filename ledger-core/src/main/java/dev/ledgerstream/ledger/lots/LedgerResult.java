package dev.ledgerstream.ledger.lots;

import dev.ledgerstream.ledger.guard.GuardResult;
import dev.ledgerstream.schemas.ledger.LedgerRecord;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of one ledger operation: the state to store, the records to emit in order (entries,
 * then the usage event, then guard violations), and the guard's checks for the metrics. Usage
 * always comes out {@link Disposition#APPLIED} with one usage event: whether a finalization is a
 * duplicate or a conflict was decided before, by {@code FinalizationDedup}.
 */
public record LedgerResult(CommunityState state, List<LedgerRecord> events, GuardResult guard, Disposition disposition) {

    public LedgerResult {
        Objects.requireNonNull(state, "state");
        events = List.copyOf(events);
        Objects.requireNonNull(guard, "guard");
        Objects.requireNonNull(disposition, "disposition");
    }
}
