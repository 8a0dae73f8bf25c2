package dev.ledgerstream.ledger.payment;

import dev.ledgerstream.ledger.guard.GuardResult;
import dev.ledgerstream.ledger.lots.LedgerCommand;
import dev.ledgerstream.schemas.ledger.LedgerRecord;
import dev.ledgerstream.schemas.ledger.PaymentOutcome;
import dev.ledgerstream.schemas.ledger.TransitionOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What one notification decided: the outcome for {@code ledger.payments.v1}, the commands for the
 * community ledger (at most one {@code MintLot} or {@code RevokeLot}, keyed by its community id),
 * and the guard's checks.
 */
public record PaymentDecision(PaymentOutcome outcome, List<LedgerCommand> commands, GuardResult guard) {

    public PaymentDecision {
        Objects.requireNonNull(outcome, "outcome");
        commands = List.copyOf(commands);
        Objects.requireNonNull(guard, "guard");
        if (!commands.isEmpty() && outcome.outcome() != TransitionOutcome.ACCEPTED) {
            throw new IllegalArgumentException("only an accepted notification changes the ledger");
        }
    }

    public boolean accepted() {
        return outcome.outcome() == TransitionOutcome.ACCEPTED;
    }

    /** The records to emit, in order: the outcome, then any guard violations. */
    public List<LedgerRecord> events() {
        List<LedgerRecord> events = new ArrayList<>();
        events.add(outcome);
        events.addAll(guard.violations());
        return List.copyOf(events);
    }
}
