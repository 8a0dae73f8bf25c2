package dev.ledgerstream.ledger.lots;

import dev.ledgerstream.ledger.identity.LedgerIds;
import java.time.Instant;

/**
 * Credit granted by an operator (lot source {@code grant}), which may expire.
 *
 * @param grantId   the operator's idempotency key for the grant; the lot id derives from it
 * @param expiresAt null for a grant that never expires
 */
public record GrantLot(String grantId, String communityId, long amountMicro, Instant grantedAt, Instant expiresAt)
        implements LedgerCommand {

    public GrantLot {
        if (grantId == null || grantId.isBlank() || grantId.length() > 128) {
            throw new IllegalArgumentException("grant id must be 1-128 characters");
        }
        Commands.requireCommunityId(communityId);
        Commands.requireLot(amountMicro, grantedAt, expiresAt);
    }

    public String lotId() {
        return LedgerIds.lotForGrant(grantId);
    }
}
