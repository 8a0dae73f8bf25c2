package dev.ledgerstream.schemas.ledger;

import static dev.ledgerstream.schemas.ledger.LedgerFields.optionalCommunityId;
import static dev.ledgerstream.schemas.ledger.LedgerFields.require;
import static dev.ledgerstream.schemas.ledger.LedgerFields.requireId;
import static dev.ledgerstream.schemas.ledger.LedgerFields.requireMicro;
import static dev.ledgerstream.schemas.ledger.LedgerFields.requirePaymentId;
import static dev.ledgerstream.schemas.ledger.LedgerFields.requireSha256;

import dev.ledgerstream.schemas.PaymentStatus;
import java.time.Instant;

/**
 * What one payment notification did (topic {@code ledger.payments.v1}, keyed by payment id): one
 * record per notification, whether it was accepted, stale or a duplicate.
 *
 * @param outcomeId      deterministic id derived from payment id, event id and outcome
 * @param communityId    the community the payment credits, or null when its order id names none
 * @param status         the status this notification carried
 * @param previousStatus the payment's status before this notification; null for a new payment
 * @param mintOutcome    the mint decision this notification took; null when it took none
 *                       (only an accepted {@code finished} or {@code partially_paid} takes one)
 * @param lotId          the payment's credit lot after this notification, or null when it has none
 * @param creditedMicro  the amount of that lot when minted, 0 when there is none
 * @param priceAmount    the provider's price as exact decimal text, as it appeared in the event
 * @param occurredAt     when the notification was received by the ingest API
 */
public record PaymentOutcome(
        String outcomeId,
        String paymentId,
        String eventId,
        String communityId,
        PaymentStatus status,
        PaymentStatus previousStatus,
        TransitionOutcome outcome,
        MintOutcome mintOutcome,
        String lotId,
        long creditedMicro,
        String priceAmount,
        String priceCurrency,
        String orderId,
        Instant occurredAt) implements LedgerRecord {

    public PaymentOutcome {
        requireId("outcome_id", outcomeId);
        requirePaymentId(paymentId);
        requireSha256("event_id", eventId);
        optionalCommunityId("community_id", communityId);
        require("status", status);
        require("outcome", outcome);
        requireMicro("credited_micro", creditedMicro);
        if ((lotId == null) != (creditedMicro == 0)) {
            throw new IllegalArgumentException("a payment has a lot exactly when it was credited");
        }
        if (lotId != null) {
            requireId("lot_id", lotId);
        }
        if (mintOutcome != null && outcome != TransitionOutcome.ACCEPTED) {
            throw new IllegalArgumentException("only an accepted notification takes a mint decision");
        }
        require("price_amount", priceAmount);
        require("price_currency", priceCurrency);
        require("order_id", orderId);
        require("occurred_at", occurredAt);
    }

    @Override
    public String key() {
        return paymentId;
    }
}
