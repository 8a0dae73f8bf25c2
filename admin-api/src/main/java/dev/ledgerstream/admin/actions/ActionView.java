package dev.ledgerstream.admin.actions;

import java.time.Instant;

/**
 * What one operator's action did, as {@code GET /api/v1/admin/actions} lists it.
 *
 * @param result      {@code applied}, {@code duplicate} or {@code rejected}
 * @param detail      why it was a duplicate or rejected; null when applied
 * @param amountMicro the lot's credit (a grant's, a release's), as a string; {@code "0"} for a dismissal
 *                    and a charging mode
 * @param charging    a set_charging_mode's charging mode ({@code live}, {@code shadow}); null for the other kinds
 * @param minting     a set_charging_mode's minting mode ({@code live}, {@code paused}); null for the other kinds
 */
record ActionView(String actionId, String kind, String result, String detail, String communityId, String paymentId,
        String lotId, String amountMicro, Instant expiresAt, String charging, String minting, String actor,
        String reason, String idempotencyKey, Instant requestedAt) {
}
