package dev.ledgerstream.ledger.payment;

import dev.ledgerstream.schemas.CommunityId;
import dev.ledgerstream.schemas.PaymentId;
import dev.ledgerstream.schemas.PaymentStatus;
import dev.ledgerstream.schemas.ingest.ActionKind;
import dev.ledgerstream.schemas.ledger.MintOutcome;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the ledger keeps per payment (store {@code payment-store}, keyed by payment id).
 *
 * @param communityId    the community the payment credits: its lot's community once minted, else
 *                       the one its latest accepted notification named; null when none did
 * @param mintOutcome    the latest mint decision, null until {@code partially_paid} or {@code finished}
 * @param lotId          the payment's lot once minted, else null
 * @param creditedMicro  the lot's amount, 0 without a lot
 * @param recentEventIds the last {@value PaymentDecider#RECENT_EVENT_IDS} event ids seen, oldest
 *                       first, to recognise a redelivered notification; a payment has a handful of
 *                       notifications, so this bound is never reached in practice
 * @param updatedAt      receipt time of the latest accepted notification
 * @param priceAmount    the price of the latest accepted notification, what a release mints from;
 *                       null in a state stored before it was kept
 * @param priceCurrency  its currency, likewise
 * @param resolution     how an operator resolved the payment ({@code release} or {@code dismiss},
 *                       SPEC 5.5), null while unresolved; the action's id is among {@code recentEventIds}
 */
public record PaymentState(
        String paymentId,
        PaymentStatus status,
        String communityId,
        MintOutcome mintOutcome,
        String lotId,
        long creditedMicro,
        List<String> recentEventIds,
        Instant updatedAt,
        String priceAmount,
        String priceCurrency,
        ActionKind resolution) {

    public PaymentState {
        new PaymentId(paymentId);
        Objects.requireNonNull(status, "status");
        if (communityId != null) {
            new CommunityId(communityId);
        }
        if ((lotId == null) != (creditedMicro == 0) || creditedMicro < 0) {
            throw new IllegalArgumentException("a payment has a lot exactly when it was credited");
        }
        if (lotId != null && communityId == null) {
            throw new IllegalArgumentException("a payment with a lot has a community");
        }
        recentEventIds = List.copyOf(recentEventIds);
        if (recentEventIds.size() > PaymentDecider.RECENT_EVENT_IDS) {
            throw new IllegalArgumentException("too many remembered event ids: " + recentEventIds.size());
        }
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (resolution == ActionKind.GRANT) {
            throw new IllegalArgumentException("a payment is resolved by a release or a dismissal, not a grant");
        }
    }
}
