package dev.ledgerstream.admin.actions;

import java.time.Instant;

/**
 * What one operator's action did, as {@code GET /api/v1/admin/actions} lists it.
 *
 * @param result      {@code applied}, {@code duplicate} or {@code rejected}
 * @param detail      why it was a duplicate or rejected; null when applied
 * @param amountMicro the lot's credit (a grant's, a release's), as a string; {@code "0"} for a dismissal
 */
record ActionView(String actionId, String kind, String result, String detail, String communityId, String paymentId,
        String lotId, String amountMicro, Instant expiresAt, String actor, String reason, String idempotencyKey,
        Instant requestedAt) {
}
