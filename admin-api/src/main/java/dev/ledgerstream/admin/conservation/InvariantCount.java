package dev.ledgerstream.admin.conservation;

import java.time.Instant;
import java.util.Comparator;

/**
 * How often one invariant was recorded as violated.
 *
 * @param systemWide of those, the violations concerning no single community; null where not applicable
 */
public record InvariantCount(String invariant, long violations, Long systemWide, Instant lastDetectedAt) {

    /** I-1 … I-14 in numeric order (I-2 before I-10). */
    public static final Comparator<InvariantCount> BY_NUMBER = Comparator.comparingInt(
            (InvariantCount count) -> Integer.parseInt(count.invariant().substring(2)));
}
