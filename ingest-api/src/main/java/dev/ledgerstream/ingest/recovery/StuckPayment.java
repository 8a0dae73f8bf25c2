package dev.ledgerstream.ingest.recovery;

import java.time.Instant;

/**
 * A payment whose latest status is not final and has not moved since {@code updatedAt}.
 *
 * @param communityId the community the ledger credits it to; null when its order names none
 */
public record StuckPayment(String paymentId, String communityId, String orderId, String status, Instant updatedAt) {
}
