package dev.ledgerstream.admin.payments;

import java.time.Instant;
import java.util.List;

/**
 * One payment of a community: its current state, what it credited, why it needs attention, and its
 * status history (every notification and what it did).
 *
 * @param mintOutcome   the mint decision ({@code minted}, {@code below_minimum},
 *                      {@code unsupported_currency}, …) or null when none was taken yet
 * @param creditedMicro the lot minted for it, 0 when none
 * @param spentMicro    for a refunded payment, what usage had debited from its lot before the
 *                      refund (spent-then-refunded credit, I-12); null for other payments
 * @param attention     why an admin should look at it: {@code partially_paid}, a mint outcome other
 *                      than {@code minted} that no operator has resolved, {@code refunded_after_spending};
 *                      empty when nothing
 * @param resolution    how an operator resolved it (SPEC 5.5), null when none did; a released
 *                      payment's {@code lot_id} and {@code credited_micro} are its released lot's
 */
record PaymentView(String paymentId, String status, String mintOutcome, String creditedMicro, String lotId,
        String spentMicro, String priceAmount, String priceCurrency, String orderId, Instant firstSeenAt,
        Instant updatedAt, List<String> attention, Resolution resolution, List<PaymentEvent> history) {

    /**
     * An operator's release or dismissal of the payment.
     *
     * @param kind  {@code release} or {@code dismiss}
     * @param actor the operator (the admin token's {@code sub})
     */
    record Resolution(String kind, String actor, String reason, Instant resolvedAt) {
    }

    /**
     * One notification of the payment, oldest first.
     *
     * @param outcome {@code accepted}, {@code stale} or {@code duplicate}
     */
    record PaymentEvent(String eventId, String status, String previousStatus, String outcome, String mintOutcome,
            Instant occurredAt) {
    }
}
