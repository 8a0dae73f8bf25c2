package dev.ledgerstream.ledger.usage;

import dev.ledgerstream.schemas.CommunityId;
import dev.ledgerstream.schemas.ingest.UsageFinalizationReceived;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What the dedup step keeps per finalization id (store {@code finalization-store}, keyed by
 * finalization id): which version of the finalization was recorded. One small value per id, written
 * once, when the id is first seen; a duplicate or a conflict leaves it as it is. De-duplication is
 * permanent (I-6), so the store holds every finalization id ever seen, but no value ever grows.
 *
 * @param communityId the community of the recorded version, which may differ from the community of
 *                    a later conflicting version (finalization ids are globally unique, SPEC 3.2)
 * @param contentHash {@code UsageInput.contentHash()} of the recorded version
 * @param recordedAt  when the ingest API received the recorded version
 */
public record RecordedFinalization(String finalizationId, String communityId, String contentHash, Instant recordedAt) {

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    public RecordedFinalization {
        if (finalizationId == null || !UsageFinalizationReceived.FINALIZATION_ID.matcher(finalizationId).matches()) {
            throw new IllegalArgumentException("finalization_id must be 1-128 of [A-Za-z0-9._:-]: " + finalizationId);
        }
        new CommunityId(communityId);
        if (contentHash == null || !SHA256_HEX.matcher(contentHash).matches()) {
            throw new IllegalArgumentException("content hash must be lowercase hex SHA-256: " + contentHash);
        }
        Objects.requireNonNull(recordedAt, "recordedAt");
    }
}
