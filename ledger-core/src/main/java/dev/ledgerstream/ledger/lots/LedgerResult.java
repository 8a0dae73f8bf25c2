package dev.ledgerstream.ledger.lots;

import dev.ledgerstream.ledger.guard.GuardResult;
import dev.ledgerstream.schemas.ledger.LedgerRecord;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of one ledger operation: the state to store, the records to emit in order (entries,
 * then the usage event, then guard violations), the guard's checks for the metrics, and the lots
 * that opened and closed. Usage always comes out {@link Disposition#APPLIED} with one usage event:
 * whether a finalization is a duplicate or a conflict was decided before, by {@code FinalizationDedup}.
 *
 * @param opened lots the operation created that are open, for an index of expiry times
 * @param closed lots that are closed after the operation (exhausted, expired, revoked), no longer
 *               in {@link #state}: the caller keeps them in its store of closed lots
 */
public record LedgerResult(CommunityState state, List<LedgerRecord> events, GuardResult guard, Disposition disposition,
        List<Lot> opened, List<Lot> closed) {

    public LedgerResult {
        Objects.requireNonNull(state, "state");
        events = List.copyOf(events);
        Objects.requireNonNull(guard, "guard");
        Objects.requireNonNull(disposition, "disposition");
        opened = List.copyOf(opened);
        closed = List.copyOf(closed);
    }
}
