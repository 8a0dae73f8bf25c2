package dev.ledgerstream.ingest.payment;

/**
 * The body is not a JSON text this service accepts (HTTP 400). The message says what is wrong
 * and where, and never quotes the body, so it is safe to put in a problem detail.
 */
public final class MalformedJsonException extends RuntimeException {

    MalformedJsonException(String message) {
        super(message);
    }
}
