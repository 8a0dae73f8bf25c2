package dev.ledgerstream.ledger.payment;

import dev.ledgerstream.ledger.guard.GuardResult;
import dev.ledgerstream.ledger.lots.LedgerCommand;
import dev.ledgerstream.schemas.ledger.ActionOutcome;
import dev.ledgerstream.schemas.ledger.ActionResult;
import dev.ledgerstream.schemas.ledger.LedgerRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What an operator's release or dismissal decided ({@link PaymentDecider#resolve}): its outcome for
 * {@code ledger.operator-actions.v1}, the payment's new state (null when nothing changed), at most
 * one {@code MintLot} for the community ledger, and the guard's checks.
 */
public record Resolution(ActionOutcome outcome, PaymentState state, List<LedgerCommand> commands, GuardResult guard) {

    public Resolution {
        Objects.requireNonNull(outcome, "outcome");
        commands = List.copyOf(commands);
        Objects.requireNonNull(guard, "guard");
        if ((state != null) != (outcome.result() == ActionResult.APPLIED)) {
            throw new IllegalArgumentException("only an applied resolution changes the payment");
        }
    }

    static Resolution unchanged(ActionOutcome outcome) {
        return new Resolution(outcome, null, List.of(), GuardResult.NONE);
    }

    /** The records to emit, in order: the outcome, then any guard violations. */
    public List<LedgerRecord> events() {
        List<LedgerRecord> events = new ArrayList<>();
        events.add(outcome);
        events.addAll(guard.violations());
        return List.copyOf(events);
    }
}
