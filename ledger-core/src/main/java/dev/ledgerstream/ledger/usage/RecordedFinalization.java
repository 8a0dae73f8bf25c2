package dev.ledgerstream.ledger.usage;

import dev.ledgerstream.schemas.CommunityId;
import dev.ledgerstream.schemas.Sha256Hex;
import dev.ledgerstream.schemas.ingest.UsageFinalizationReceived;
import java.time.Instant;
import java.util.Objects;

/**
 * Which version of a finalization was recorded first, one small value written once and never
 * changed; a duplicate or a conflict leaves it as it is. It is kept in two places:
 * <ul>
 *   <li>per community, under {@link #storeKey(String, String)} (store {@code finalization-store},
 *       next to the community's ledger): the main path's dedup, which decides whether a usage is
 *       debited;</li>
 *   <li>per finalization id (store {@code finalization-owner-store}): the first community seen with
 *       the id, for the cross-community side check, which only reports.</li>
 * </ul>
 * De-duplication is permanent (I-6), so both stores hold every key ever seen, but no value grows.
 *
 * @param communityId the community of the recorded version
 * @param contentHash {@link UsageContent#hash} of the recorded version
 * @param recordedAt  when the ingest API received the recorded version
 */
public record RecordedFinalization(String finalizationId, String communityId, String contentHash, Instant recordedAt) {

    public RecordedFinalization {
        if (!UsageFinalizationReceived.isFinalizationId(finalizationId)) {
            throw new IllegalArgumentException("finalization_id must be 1-128 of [A-Za-z0-9._:-]: " + finalizationId);
        }
        new CommunityId(communityId);
        if (!Sha256Hex.isValid(contentHash)) {
            throw new IllegalArgumentException("content hash must be lowercase hex SHA-256: " + contentHash);
        }
        Objects.requireNonNull(recordedAt, "recordedAt");
    }

    /**
     * The key of a community's record of a finalization in {@code finalization-store}: the community
     * id, {@code |}, the finalization id. Neither part can contain {@code |} (a community id is a
     * UUID; a finalization id is of {@code [A-Za-z0-9._:-]}), so the key is unambiguous, and all of
     * a community's keys share one prefix.
     */
    public static String storeKey(String communityId, String finalizationId) {
        return communityId + "|" + finalizationId;
    }

    /** This record's key in {@code finalization-store}: {@link #storeKey(String, String)}. */
    public String storeKey() {
        return storeKey(communityId, finalizationId);
    }
}
