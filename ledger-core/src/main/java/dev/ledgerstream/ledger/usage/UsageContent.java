package dev.ledgerstream.ledger.usage;

import dev.ledgerstream.ledger.identity.LedgerIds;
import dev.ledgerstream.schemas.ingest.UsageFinalizationReceived;

/**
 * The identity of a finalization's content (SPEC 5.3, I-6): what tells a resend (the same content
 * again) from a conflict (other content under the same id). Computed once per usage by the step
 * that handles it and passed on, to the dedup decision and into the usage event.
 */
public final class UsageContent {

    private UsageContent() {
    }

    /**
     * SHA-256 over the finalization's content: every field the publisher sent, and nothing the
     * pipeline added ({@code received_at}, {@code publisher}), so that a resend of the same
     * finalization has the same hash. Each value is length-prefixed so that no two contents render
     * alike; the version tag lets the rendering change without silently changing old hashes' meaning.
     */
    public static String hash(UsageFinalizationReceived usage) {
        StringBuilder canonical = new StringBuilder(256).append("usage-content-v1");
        field(canonical, "finalization_id", usage.finalizationId());
        field(canonical, "community_id", usage.communityId());
        field(canonical, "pool_id", usage.poolId());
        field(canonical, "nft_id", usage.nftId());
        field(canonical, "tokens_input", Long.toString(usage.tokensInput()));
        field(canonical, "tokens_output", Long.toString(usage.tokensOutput()));
        field(canonical, "amount_micro", Long.toString(usage.amountMicro()));
        field(canonical, "reservation_id", usage.reservationId());
        field(canonical, "reserved_micro", usage.reservedMicro() == null ? null : usage.reservedMicro().toString());
        field(canonical, "occurred_at", usage.occurredAt().toString());
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
