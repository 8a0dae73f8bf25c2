package dev.ledgerstream.jwt;

/**
 * The JWKS could not be fetched (network error, timeout, HTTP error, oversized or unparsable
 * document), so the token could not be judged either way. Reason {@link
 * RejectionReason#JWKS_UNAVAILABLE}. An application may answer 503 instead of 401 for this
 * subtype, since the caller's token may well be valid. The cause describes the fetch failure
 * and never contains the token.
 */
public class KeySourceUnavailableException extends InvalidTokenException {

    public KeySourceUnavailableException(Throwable cause) {
        super(RejectionReason.JWKS_UNAVAILABLE, cause);
    }
}
