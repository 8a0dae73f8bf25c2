package dev.ledgerstream.jwt;

import java.util.Objects;

/**
 * A bearer token was refused (HTTP 401). The message is the {@link RejectionReason#code()} and
 * nothing else, so logging the exception can never leak the token. Refusals are an expected
 * outcome under attack traffic, so no stack trace is captured.
 */
public class InvalidTokenException extends Exception {

    private final RejectionReason reason;

    public InvalidTokenException(RejectionReason reason) {
        super(Objects.requireNonNull(reason, "reason").code(), null, false, false);
        this.reason = reason;
    }

    /** For {@link KeySourceUnavailableException}, whose cause and stack trace help operators. */
    InvalidTokenException(RejectionReason reason, Throwable cause) {
        super(reason.code(), cause, false, true);
        this.reason = reason;
    }

    public RejectionReason reason() {
        return reason;
    }
}
