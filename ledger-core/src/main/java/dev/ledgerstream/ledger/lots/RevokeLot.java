package dev.ledgerstream.ledger.lots;

import dev.ledgerstream.ledger.identity.LedgerIds;
import dev.ledgerstream.schemas.PaymentId;
import java.time.Instant;
import java.util.Objects;

/**
 * Revoke what remains of a refunded payment's lot (SPEC 5.2). Produced by the payment decider on
 * {@code finished → refunded}.
 *
 * @param occurredAt when the refund notification was received
 */
public record RevokeLot(String lotId, String communityId, String paymentId, Instant occurredAt)
        implements LedgerCommand {

    public RevokeLot {
        new PaymentId(paymentId);
        if (!LedgerIds.lotForPayment(paymentId).equals(lotId)) {
            throw new IllegalArgumentException("a payment's lot id is derived from its payment id: " + lotId);
        }
        Commands.requireCommunityId(communityId);
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
