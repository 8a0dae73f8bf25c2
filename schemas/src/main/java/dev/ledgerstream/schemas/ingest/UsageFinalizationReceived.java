package dev.ledgerstream.schemas.ingest;

import dev.ledgerstream.schemas.CommunityId;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A usage finalization from an inference service, verified and validated by the ingest API
 * (topic {@code usage.finalizations.v1}, keyed by community id). Field rules follow SPEC 3.2;
 * {@code publisher} is the {@code sub} of the token that sent it.
 */
public record UsageFinalizationReceived(
        String finalizationId,
        String communityId,
        String poolId,
        String nftId,
        long tokensInput,
        long tokensOutput,
        long amountMicro,
        String reservationId,
        Long reservedMicro,
        Instant occurredAt,
        Instant receivedAt,
        String publisher) {

    /** SPEC 3.2: 1–128 characters of {@code [A-Za-z0-9._:-]}. */
    public static final Pattern FINALIZATION_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    public UsageFinalizationReceived {
        if (finalizationId == null || !FINALIZATION_ID.matcher(finalizationId).matches()) {
            throw new IllegalArgumentException("finalization_id must be 1-128 of [A-Za-z0-9._:-]");
        }
        new CommunityId(communityId);
        if (poolId == null || poolId.isEmpty() || poolId.length() > 64) {
            throw new IllegalArgumentException("pool_id must be 1-64 characters");
        }
        if (nftId != null && nftId.length() > 128) {
            throw new IllegalArgumentException("nft_id must be at most 128 characters");
        }
        if (tokensInput < 0 || tokensOutput < 0 || amountMicro < 0) {
            throw new IllegalArgumentException("tokens and amount_micro must not be negative");
        }
        if (reservedMicro != null && reservedMicro < 0) {
            throw new IllegalArgumentException("reserved_micro must not be negative");
        }
        Objects.requireNonNull(occurredAt, "occurred_at");
        Objects.requireNonNull(receivedAt, "received_at");
    }
}
