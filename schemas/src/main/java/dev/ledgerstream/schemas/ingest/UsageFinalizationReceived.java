package dev.ledgerstream.schemas.ingest;

import dev.ledgerstream.schemas.CommunityId;
import dev.ledgerstream.schemas.ControlCharacters;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

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

    /*
     * The usage field rules of SPEC 3.2, declared once: the record's constructor, the ingest API's
     * answers and the topic's JSON Schema (usage.finalizations.v1.json) all follow these, and
     * UsageFieldRulesTest fails when the schema says otherwise at any boundary.
     */
    /** {@code finalization_id}: 1 to this many characters of {@code [A-Za-z0-9._:-]}. */
    public static final int FINALIZATION_ID_MAX_LENGTH = 128;
    /** {@code pool_id}: 1 to this many characters, no control character. */
    public static final int POOL_ID_MAX_LENGTH = 64;
    /** {@code nft_id}, optional: at most this many characters, no control character. */
    public static final int NFT_ID_MAX_LENGTH = 128;
    /** {@code reservation_id}, optional: at most this many characters, no control character. */
    public static final int RESERVATION_ID_MAX_LENGTH = 128;

    /** The earliest {@code occurred_at} the ingest API accepts. */
    public static final Instant EARLIEST_OCCURRED_AT = Instant.parse("2000-01-01T00:00:00Z");

    /** How far after its receipt an {@code occurred_at} may lie (clocks drift; a year 50000 is a bug). */
    public static final Duration MAX_OCCURRED_AHEAD = Duration.ofDays(7);

    /**
     * The window the ingest API accepts {@code occurred_at} in: from {@link #EARLIEST_OCCURRED_AT}
     * to {@link #MAX_OCCURRED_AHEAD} after {@code receivedAt}. Outside it the event is answered 400,
     * so that a time PostgreSQL or the admin API's day buckets cannot hold never reaches the ledger.
     */
    public static boolean occurredWithinWindow(Instant occurredAt, Instant receivedAt) {
        return !occurredAt.isBefore(EARLIEST_OCCURRED_AT) && !occurredAt.isAfter(receivedAt.plus(MAX_OCCURRED_AHEAD));
    }

    /**
     * SPEC 3.2: 1–{@value #FINALIZATION_ID_MAX_LENGTH} characters of {@code [A-Za-z0-9._:-]}; checked by hand rather than with a
     * regular expression, because this runs on every usage event of the ledger's hot path.
     */
    public static boolean isFinalizationId(String text) {
        if (text == null || text.isEmpty() || text.length() > FINALIZATION_ID_MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == ':' || c == '-';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    public UsageFinalizationReceived {
        if (!isFinalizationId(finalizationId)) {
            throw new IllegalArgumentException("finalization_id must be 1-" + FINALIZATION_ID_MAX_LENGTH
                    + " of [A-Za-z0-9._:-]");
        }
        new CommunityId(communityId);
        if (poolId == null || poolId.isEmpty() || poolId.length() > POOL_ID_MAX_LENGTH) {
            throw new IllegalArgumentException("pool_id must be 1-" + POOL_ID_MAX_LENGTH + " characters");
        }
        if (nftId != null && nftId.length() > NFT_ID_MAX_LENGTH) {
            throw new IllegalArgumentException("nft_id must be at most " + NFT_ID_MAX_LENGTH + " characters");
        }
        if (reservationId != null && reservationId.length() > RESERVATION_ID_MAX_LENGTH) {
            throw new IllegalArgumentException("reservation_id must be at most " + RESERVATION_ID_MAX_LENGTH
                    + " characters");
        }
        if (ControlCharacters.in(poolId) || ControlCharacters.in(nftId) || ControlCharacters.in(reservationId)
                || ControlCharacters.in(publisher)) {
            throw new IllegalArgumentException("pool_id, nft_id, reservation_id and publisher must not contain"
                    + " control characters");
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
