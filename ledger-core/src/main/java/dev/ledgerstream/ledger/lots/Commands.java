package dev.ledgerstream.ledger.lots;

import dev.ledgerstream.schemas.CommunityId;
import java.time.Instant;
import java.util.Objects;

/** Field rules shared by the ledger commands. */
final class Commands {

    private Commands() {
    }

    static void requireCommunityId(String communityId) {
        new CommunityId(communityId);
    }

    static void requireLot(long amountMicro, Instant createdAt, Instant expiresAt) {
        if (amountMicro <= 0) {
            throw new IllegalArgumentException("a lot's amount must be positive: " + amountMicro);
        }
        Objects.requireNonNull(createdAt, "createdAt");
        if (expiresAt != null && !expiresAt.isAfter(createdAt)) {
            throw new IllegalArgumentException("a lot must expire after it is created");
        }
    }
}
