package dev.ledgerstream.ledger.task;

import dev.ledgerstream.ledger.guard.GuardResult;
import dev.ledgerstream.schemas.ledger.LedgerRecord;
import java.util.List;
import java.util.Objects;

/**
 * What one input did: the records to emit, in order, and every guard check it ran, for the
 * metrics ({@code conservation_guard_checks_total}, {@code conservation_guard_failures_total}).
 */
public record StepResult(List<LedgerRecord> records, GuardResult guard) {

    public StepResult {
        records = List.copyOf(records);
        Objects.requireNonNull(guard, "guard");
    }
}
