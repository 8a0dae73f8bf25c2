package dev.ledgerstream.ledger.lots;

import dev.ledgerstream.ledger.identity.LedgerIds;
import dev.ledgerstream.schemas.ingest.UsageFinalizationReceived;
import java.time.Instant;
import java.util.Objects;

/**
 * One usage finalization to debit (SPEC 3.2), as read from {@code usage.finalizations.v1}. It goes
 * to {@code FinalizationDedup} first, keyed by community and finalization id, and to
 * {@link CommunityLedger} only when that finds it is the first version of its id in its community.
 *
 * @param reservedMicro null when no reservation was given
 * @param occurredAt    when the usage happened, per the publisher
 * @param receivedAt    when the ingest API received it; the ledger's clock for this operation
 */
public record UsageInput(
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
        Instant receivedAt) implements LedgerCommand {

    public UsageInput {
        if (finalizationId == null || !UsageFinalizationReceived.FINALIZATION_ID.matcher(finalizationId).matches()) {
            throw new IllegalArgumentException("finalization_id must be 1-128 of [A-Za-z0-9._:-]: " + finalizationId);
        }
        Commands.requireCommunityId(communityId);
        if (poolId == null || poolId.isEmpty() || poolId.length() > 64) {
            throw new IllegalArgumentException("pool_id must be 1-64 characters");
        }
        if (nftId != null && nftId.length() > 128) {
            throw new IllegalArgumentException("nft_id must be at most 128 characters");
        }
        if (tokensInput < 0 || tokensOutput < 0 || amountMicro < 0 || (reservedMicro != null && reservedMicro < 0)) {
            throw new IllegalArgumentException("tokens and amounts must not be negative");
        }
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }

    /** The ledger's view of a record from {@code usage.finalizations.v1}. */
    public static UsageInput from(UsageFinalizationReceived received) {
        return new UsageInput(received.finalizationId(), received.communityId(), received.poolId(),
                received.nftId(), received.tokensInput(), received.tokensOutput(), received.amountMicro(),
                received.reservationId(), received.reservedMicro(), received.occurredAt(), received.receivedAt());
    }

    /**
     * SHA-256 over the finalization's content: every field the publisher sent, and nothing the
     * pipeline added ({@code receivedAt}), so that a resend of the same finalization has the same
     * hash. Each value is length-prefixed so that no two contents render alike; the version tag
     * lets the rendering change without silently changing old hashes' meaning.
     */
    public String contentHash() {
        StringBuilder canonical = new StringBuilder("usage-content-v1");
        field(canonical, "finalization_id", finalizationId);
        field(canonical, "community_id", communityId);
        field(canonical, "pool_id", poolId);
        field(canonical, "nft_id", nftId);
        field(canonical, "tokens_input", Long.toString(tokensInput));
        field(canonical, "tokens_output", Long.toString(tokensOutput));
        field(canonical, "amount_micro", Long.toString(amountMicro));
        field(canonical, "reservation_id", reservationId);
        field(canonical, "reserved_micro", reservedMicro == null ? null : reservedMicro.toString());
        field(canonical, "occurred_at", occurredAt.toString());
        return LedgerIds.sha256Hex(canonical.toString());
    }

    private static void field(StringBuilder canonical, String name, String value) {
        canonical.append('|').append(name).append('=');
        if (value == null) {
            canonical.append('-');
        } else {
            canonical.append(value.length()).append(':').append(value);
        }
    }
}
