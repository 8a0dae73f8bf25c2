package dev.ledgerstream.ingest.payment;

import java.nio.charset.StandardCharsets;

/**
 * An IPN whose signature checked out. Only {@link IpnVerifier} creates one, so holding a
 * {@code VerifiedIpn} means the body was authenticated. After verification the canonical form
 * is the event (SPEC 3.1): amounts are read from it and it travels on the topic unchanged.
 */
public final class VerifiedIpn {

    private final JsonValue body;
    private final String canonicalJson;
    private final String eventId;
    private final SignatureForm signatureForm;

    VerifiedIpn(JsonValue body, String canonicalJson, String eventId, SignatureForm signatureForm) {
        this.body = body;
        this.canonicalJson = canonicalJson;
        this.eventId = eventId;
        this.signatureForm = signatureForm;
    }

    /**
     * An answer of the provider's payment-status API ({@code GET /v1/payment/{id}}), authenticated by
     * the TLS connection that carried it and the API key it was asked with, not by a signature.
     */
    public static VerifiedIpn fromStatusApi(JsonValue answer) {
        String canonical = CanonicalJson.forms(answer).canonical();
        return new VerifiedIpn(answer, canonical, EventIds.of(canonical), SignatureForm.STATUS_API);
    }

    /** The parsed body. */
    public JsonValue body() {
        return body;
    }

    /** The canonical JSON (keys sorted at every depth, JavaScript number and string forms). */
    public String canonicalJson() {
        return canonicalJson;
    }

    /** The canonical JSON's UTF-8 bytes, as hashed for the event id; a fresh copy each call. */
    public byte[] canonicalUtf8() {
        return canonicalJson.getBytes(StandardCharsets.UTF_8);
    }

    /** Lowercase hex SHA-256 of the canonical UTF-8 bytes: the same notification, the same id. */
    public String eventId() {
        return eventId;
    }

    /** The form the signature covered; worth a metric tag while the provider's choice is unknown. */
    public SignatureForm signatureForm() {
        return signatureForm;
    }

    @Override
    public String toString() {
        return "VerifiedIpn[eventId=" + eventId + ", signatureForm=" + signatureForm + "]";
    }
}
