package dev.ledgerstream.ingest.payment;

/**
 * The {@code x-nowpayments-sig} header does not authenticate the body (HTTP 401, nothing
 * produced). The message is safe to show: it never echoes the header or the expected value.
 */
public final class IpnSignatureException extends RuntimeException {

    /** Why the signature was refused; a low-cardinality value fit for a metric tag. */
    public enum Reason {
        /** No header, or a blank one. */
        MISSING,
        /** Not 128 hex digits. */
        MALFORMED,
        /** Well-formed, but neither accepted form of the body has this HMAC. */
        MISMATCH
    }

    private final Reason reason;

    IpnSignatureException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
