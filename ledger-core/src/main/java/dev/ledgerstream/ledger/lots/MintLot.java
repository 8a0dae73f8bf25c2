package dev.ledgerstream.ledger.lots;

import dev.ledgerstream.ledger.identity.LedgerIds;
import dev.ledgerstream.schemas.PaymentId;
import java.time.Instant;

/**
 * Mint the one lot of a finished payment (SPEC 5.2). Produced by the payment decider only.
 *
 * @param lotId     always {@link LedgerIds#lotForPayment} of the payment, which makes a second lot
 *                  for the same payment recognisable (I-5)
 * @param createdAt when the finishing notification was received
 * @param expiresAt null unless a lot TTL is configured
 */
public record MintLot(
        String lotId, String communityId, String paymentId, long amountMicro, Instant createdAt, Instant expiresAt)
        implements LedgerCommand {

    public MintLot {
        new PaymentId(paymentId);
        if (!LedgerIds.lotForPayment(paymentId).equals(lotId)) {
            throw new IllegalArgumentException("a payment's lot id is derived from its payment id: " + lotId);
        }
        Commands.requireCommunityId(communityId);
        Commands.requireLot(amountMicro, createdAt, expiresAt);
    }

    public static MintLot forPayment(
            String paymentId, String communityId, long amountMicro, Instant createdAt, Instant expiresAt) {
        return new MintLot(LedgerIds.lotForPayment(paymentId), communityId, paymentId, amountMicro, createdAt, expiresAt);
    }
}
