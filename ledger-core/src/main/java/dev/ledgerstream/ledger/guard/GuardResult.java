package dev.ledgerstream.ledger.guard;

import dev.ledgerstream.schemas.ledger.GuardOutcome;
import dev.ledgerstream.schemas.ledger.GuardViolation;
import java.util.ArrayList;
import java.util.List;

/**
 * Every check one ledger operation ran, in order. The processor increments
 * {@code conservation_guard_checks_total{result}} once per check and
 * {@code conservation_guard_failures_total{invariant}} once per violation.
 */
public record GuardResult(List<GuardCheck> checks) {

    public static final GuardResult NONE = new GuardResult(List.of());

    public GuardResult {
        checks = List.copyOf(checks);
    }

    public static GuardResult of(GuardCheck... checks) {
        return new GuardResult(List.of(checks));
    }

    /** This result followed by {@code other}'s checks. */
    public GuardResult plus(GuardResult other) {
        List<GuardCheck> all = new ArrayList<>(checks);
        all.addAll(other.checks);
        return new GuardResult(all);
    }

    public boolean passed() {
        return checks.stream().allMatch(GuardCheck::passed);
    }

    public GuardOutcome outcome() {
        return passed() ? GuardOutcome.PASS : GuardOutcome.FAIL;
    }

    /** The violations to write to {@code ledger.guard-violations.v1}, in check order. */
    public List<GuardViolation> violations() {
        return checks.stream().filter(check -> !check.passed()).map(GuardCheck::violation).toList();
    }
}
