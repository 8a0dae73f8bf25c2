package dev.ledgerstream.schemas.ledger;

import static dev.ledgerstream.schemas.ledger.LedgerFields.optionalCommunityId;
import static dev.ledgerstream.schemas.ledger.LedgerFields.require;
import static dev.ledgerstream.schemas.ledger.LedgerFields.requireId;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Evidence of one failed conservation check (topic {@code ledger.guard-violations.v1}, keyed by
 * community id).
 *
 * @param violationId deterministic id derived from the invariant, the operation's cause and the
 *                    subject that failed, so a replay reports the same violation under the same id
 * @param communityId the community concerned, or null for system-wide checks and payments whose
 *                    order id names no community
 * @param details     what was found, snake_case keys; kept sorted so that the rendering is stable
 * @param detectedAt  the business time of the operation that found it (never a wall-clock read)
 */
public record GuardViolation(
        String violationId,
        Invariant invariant,
        String communityId,
        Map<String, String> details,
        Instant detectedAt) implements LedgerRecord {

    /** The key of violations that concern no single community. */
    public static final String SYSTEM_KEY = "system";

    public GuardViolation {
        requireId("violation_id", violationId);
        require("invariant", invariant);
        optionalCommunityId("community_id", communityId);
        details = Collections.unmodifiableMap(new TreeMap<>(require("details", details)));
        require("detected_at", detectedAt);
    }

    /** The community id, or {@value #SYSTEM_KEY} when the violation concerns no single community. */
    @Override
    public String key() {
        return communityId != null ? communityId : SYSTEM_KEY;
    }
}
