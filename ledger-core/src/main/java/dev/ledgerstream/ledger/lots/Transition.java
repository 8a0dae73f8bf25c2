package dev.ledgerstream.ledger.lots;

import dev.ledgerstream.ledger.guard.ConservationGuard;
import dev.ledgerstream.ledger.guard.GuardContext;
import dev.ledgerstream.ledger.guard.GuardResult;
import dev.ledgerstream.ledger.guard.LedgerTotals;
import dev.ledgerstream.schemas.ledger.LedgerEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One community operation in the making: the state it has reached, the lots it touched and the
 * entries it wrote, so that the guard checks exactly what changed (plus the running totals) and the
 * caller stores exactly the lots that closed. Its cost is that of the lots it touches.
 */
final class Transition {

    private final LedgerTotals before;
    private CommunityState state;
    private final Map<String, LotMove> moves = new LinkedHashMap<>();
    private final List<LedgerEntry> entries = new ArrayList<>();

    Transition(CommunityState start) {
        this.before = LedgerTotals.of(start);
        this.state = start;
    }

    CommunityState state() {
        return state;
    }

    List<LedgerEntry> entries() {
        return entries;
    }

    boolean changedNothing() {
        return moves.isEmpty();
    }

    /** The latest version of a lot this operation touched, or else of an open lot. */
    Optional<Lot> lot(String lotId) {
        LotMove moved = moves.get(lotId);
        return moved != null ? Optional.of(moved.after()) : state.findLot(lotId);
    }

    /** Replaces {@code before} (null: a new lot) by {@code after}; throws {@link ArithmeticException} on overflow. */
    void move(Lot before, Lot after) {
        state = state.withMoved(before, after);
        LotMove earlier = moves.get(after.lotId());
        moves.put(after.lotId(), new LotMove(earlier == null ? before : earlier.before(), after));
    }

    void entry(LedgerEntry entry) {
        entries.add(entry);
    }

    /** I-1, I-9, I-2 and I-11 over what this operation changed. */
    GuardResult checkBook(GuardContext context) {
        return ConservationGuard.checkBook(state, before, moves.values().stream().map(LotMove::forGuard).toList(),
                entries, context);
    }

    /** The lots this operation created that are open (the caller indexes those that expire). */
    List<Lot> opened() {
        return moves.values().stream().filter(move -> move.before() == null && move.after().debitable())
                .map(LotMove::after).toList();
    }

    /** The lots that are closed after this operation (exhausted, expired, revoked): the caller stores them. */
    List<Lot> closed() {
        return moves.values().stream().map(LotMove::after).filter(lot -> !lot.debitable()).toList();
    }
}
