package dev.ledgerstream.schemas.ingest;

import dev.ledgerstream.schemas.CommunityId;
import dev.ledgerstream.schemas.PaymentId;
import dev.ledgerstream.schemas.Sha256Hex;
import java.time.Instant;
import java.util.Objects;

/**
 * A NOWPayments IPN whose signature was verified (topic {@code payments.ipn.v1}). {@code canonical}
 * is the canonical JSON the signature covers, unchanged: it is the event, and amounts are read
 * from it. {@code eventId} is the lowercase hex SHA-256 of {@code canonical}.
 *
 * @param signatureForm which form the signature covered: {@code canonical} or {@code docs_sample}; or
 *                      {@code status_api} for an answer of the provider's payment-status API, fetched by the
 *                      stuck-payment recovery (ADR 0016), which carries no signature
 */
public record IpnReceived(
        String eventId, String paymentId, String signatureForm, Instant receivedAt, String canonical) {

    public IpnReceived {
        requireEventId(eventId);
        new PaymentId(paymentId);
        if (!"canonical".equals(signatureForm) && !"docs_sample".equals(signatureForm)
                && !"status_api".equals(signatureForm)) {
            throw new IllegalArgumentException("signature form must be canonical, docs_sample or status_api: "
                    + signatureForm);
        }
        Objects.requireNonNull(receivedAt, "received_at");
        requireCanonical(canonical);
    }

    /**
     * The record's key on {@code payments.ipn.v1} (SPEC 4): the community {@code orderId} names, else
     * the payment id.
     */
    public static String topicKey(String orderId, String paymentId) {
        return CommunityId.namedByOrderId(orderId).map(CommunityId::value).orElse(paymentId);
    }

    static void requireEventId(String eventId) {
        if (!Sha256Hex.isValid(eventId)) {
            throw new IllegalArgumentException("event id must be lowercase hex SHA-256: " + eventId);
        }
    }

    static void requireCanonical(String canonical) {
        if (canonical == null || canonical.isEmpty()) {
            throw new IllegalArgumentException("canonical JSON is missing");
        }
    }
}
