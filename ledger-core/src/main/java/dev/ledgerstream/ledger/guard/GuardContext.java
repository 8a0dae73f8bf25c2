package dev.ledgerstream.ledger.guard;

import java.time.Instant;
import java.util.Objects;

/**
 * The operation a check belongs to: its community (null when none), a deterministic cause id
 * (such as {@code usage:<community id>:<finalization id>}) and its business time, which violations carry as
 * {@code detected_at} so that a replay reproduces them exactly.
 */
public record GuardContext(String communityId, String causeId, Instant detectedAt) {

    public GuardContext {
        if (causeId == null || causeId.isBlank()) {
            throw new IllegalArgumentException("a guard context needs a cause id");
        }
        Objects.requireNonNull(detectedAt, "detectedAt");
    }
}
