package dev.ledgerstream.schemas.ingest;

import java.time.Instant;
import java.util.Objects;

/**
 * A validly signed IPN that breaks the rules of SPEC 3.1 (unknown status, missing field, a
 * payout-shaped body): kept, never lost, and changes no state (topic
 * {@code payments.ipn.quarantine.v1}).
 *
 * @param paymentId the payment id when the body had a usable one, otherwise null
 * @param reason    machine-readable reason, e.g. {@code unknown_status: teleported}
 */
public record IpnQuarantined(
        String eventId, String paymentId, String reason, Instant receivedAt, String canonical) {

    public IpnQuarantined {
        IpnReceived.requireEventId(eventId);
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a quarantined IPN needs a reason");
        }
        Objects.requireNonNull(receivedAt, "received_at");
        IpnReceived.requireCanonical(canonical);
    }

    /** The record key: the payment id when known, else the event id. */
    public String key() {
        return paymentId != null ? paymentId : eventId;
    }
}
