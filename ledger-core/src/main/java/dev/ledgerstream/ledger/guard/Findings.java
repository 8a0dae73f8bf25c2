package dev.ledgerstream.ledger.guard;

import dev.ledgerstream.ledger.identity.LedgerIds;
import dev.ledgerstream.schemas.ledger.GuardViolation;
import dev.ledgerstream.schemas.ledger.Invariant;
import java.util.TreeMap;

/** Turns a failed check into a numbered, deterministic violation record. */
final class Findings {

    private Findings() {
    }

    /**
     * A failed check of {@code invariant} about {@code subject}; {@code details} are alternating
     * snake_case keys and values.
     */
    static GuardCheck fail(GuardContext context, Invariant invariant, String subject, String... details) {
        if (details.length % 2 != 0) {
            throw new IllegalArgumentException("details must be key/value pairs");
        }
        TreeMap<String, String> map = new TreeMap<>();
        for (int i = 0; i < details.length; i += 2) {
            map.put(details[i], details[i + 1]);
        }
        String id = LedgerIds.violation(invariant, context.causeId(), subject);
        return GuardCheck.fail(new GuardViolation(id, invariant, context.communityId(), map, context.detectedAt()));
    }

    static String text(long value) {
        return Long.toString(value);
    }
}
