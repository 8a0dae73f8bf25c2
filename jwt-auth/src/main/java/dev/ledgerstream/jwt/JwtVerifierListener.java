package dev.ledgerstream.jwt;

/**
 * Hooks for metrics, so this module needs no metrics library: an application binds them to
 * Micrometer counters. Calls happen on the verifying thread and must be cheap and must not throw.
 */
public interface JwtVerifierListener {

    /** Does nothing; for tests and tools that do not count. */
    JwtVerifierListener NONE = new JwtVerifierListener() { };

    /** A JWKS document was fetched and parsed successfully. */
    default void jwksRefreshed() { }

    /** A still-valid verified token was served from the verified-token cache. */
    default void cacheHit() { }

    /** The verified-token cache did not hold the token, so it was fully verified. */
    default void cacheMiss() { }

    /** A token was refused; the reason is low-cardinality and safe as a metric tag. */
    default void rejected(RejectionReason reason) { }
}
