package dev.ledgerstream.admin.platform;

import java.time.Instant;

/**
 * A payment, of any community or of none, that was paid but left uncredited and waits for a
 * platform admin (SPEC 5.2, 7): held, priced out, or naming no community.
 *
 * @param communityId the community its order names; null when it names none
 * @param mintOutcome the mint decision, e.g. {@code held_repeat_deposit}; null when none was taken yet
 * @param reason      why it is listed: its mint outcome, or {@code no_community} for a payment of no
 *                    community that has not finished yet
 */
record UnresolvedPayment(String paymentId, String communityId, String status, String mintOutcome, String priceAmount,
        String priceCurrency, String orderId, Instant firstSeenAt, Instant updatedAt, String reason) {
}
