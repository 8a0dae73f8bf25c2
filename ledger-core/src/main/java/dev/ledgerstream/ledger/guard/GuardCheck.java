package dev.ledgerstream.ledger.guard;

import dev.ledgerstream.schemas.ledger.GuardViolation;
import dev.ledgerstream.schemas.ledger.Invariant;
import java.util.Objects;

/**
 * One evaluated invariant: passed when {@code violation} is null. Each check counts once in
 * {@code conservation_guard_checks_total}.
 */
public record GuardCheck(Invariant invariant, GuardViolation violation) {

    public GuardCheck {
        Objects.requireNonNull(invariant, "invariant");
        if (violation != null && violation.invariant() != invariant) {
            throw new IllegalArgumentException("a check's violation must be of the checked invariant");
        }
    }

    public static GuardCheck pass(Invariant invariant) {
        return new GuardCheck(invariant, null);
    }

    public static GuardCheck fail(GuardViolation violation) {
        return new GuardCheck(violation.invariant(), violation);
    }

    public boolean passed() {
        return violation == null;
    }
}
