package dev.ledgerstream.ledger.lots;

import dev.ledgerstream.ledger.guard.LotBalance;
import dev.ledgerstream.schemas.CommunityId;
import dev.ledgerstream.schemas.ledger.LotSource;
import java.time.Instant;
import java.util.Objects;

/**
 * One credit lot and what happened to it. Amounts are micro-credits; the identity
 * {@code remaining = minted − debited − expired − revoked} is checked by the guard (I-2), not
 * enforced here, so that a broken lot is reported rather than impossible to load.
 *
 * @param paymentId set for lots from payments
 * @param grantId   set for lots from grants
 * @param expiresAt null when the lot never expires
 */
public record Lot(
        String lotId,
        String communityId,
        LotSource source,
        String paymentId,
        String grantId,
        long mintedMicro,
        long remainingMicro,
        long debitedMicro,
        long expiredMicro,
        long revokedMicro,
        Instant createdAt,
        Instant expiresAt,
        LotStatus status) implements LotBalance {

    public Lot {
        Objects.requireNonNull(lotId, "lotId");
        new CommunityId(communityId);
        Objects.requireNonNull(source, "source");
        if ((source == LotSource.PAYMENT) != (paymentId != null) || (source == LotSource.GRANT) != (grantId != null)) {
            throw new IllegalArgumentException("a lot has a payment id or a grant id, matching its source");
        }
        if (mintedMicro < 0 || remainingMicro < 0 || debitedMicro < 0 || expiredMicro < 0 || revokedMicro < 0) {
            throw new IllegalArgumentException("lot amounts must not be negative: " + lotId);
        }
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(status, "status");
        if (status != LotStatus.ACTIVE && remainingMicro != 0) {
            throw new IllegalArgumentException("a closed lot has nothing remaining: " + lotId);
        }
    }

    /** A new, untouched lot. */
    static Lot open(String lotId, String communityId, LotSource source, String paymentId, String grantId,
            long amountMicro, Instant createdAt, Instant expiresAt) {
        return new Lot(lotId, communityId, source, paymentId, grantId, amountMicro, amountMicro, 0, 0, 0,
                createdAt, expiresAt, LotStatus.ACTIVE);
    }

    /** True while usage can be paid from this lot. */
    public boolean debitable() {
        return status == LotStatus.ACTIVE && remainingMicro > 0;
    }

    /** True when the lot is active and its expiry time is at or before {@code at}. */
    public boolean dueToExpireAt(Instant at) {
        return status == LotStatus.ACTIVE && expiresAt != null && !expiresAt.isAfter(at);
    }

    Lot debit(long amountMicro) {
        return with(Math.subtractExact(remainingMicro, amountMicro), Math.addExact(debitedMicro, amountMicro),
                expiredMicro, revokedMicro, status);
    }

    Lot expire() {
        return with(0, debitedMicro, Math.addExact(expiredMicro, remainingMicro), revokedMicro, LotStatus.EXPIRED);
    }

    Lot revoke() {
        return with(0, debitedMicro, expiredMicro, Math.addExact(revokedMicro, remainingMicro), LotStatus.REVOKED);
    }

    private Lot with(long remaining, long debited, long expired, long revoked, LotStatus newStatus) {
        return new Lot(lotId, communityId, source, paymentId, grantId, mintedMicro, remaining, debited, expired,
                revoked, createdAt, expiresAt, newStatus);
    }
}
