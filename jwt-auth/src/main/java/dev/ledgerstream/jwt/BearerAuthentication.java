package dev.ledgerstream.jwt;

import dev.ledgerstream.servicekit.web.ApiProblem;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * The HTTP side of a bearer token (RFC 6750), the same for every API that takes one: the
 * {@code Authorization} header's token verified by a {@link JwtVerifier}, or the problem to answer.
 * 401 without a bearer token or for a refused one, 503 with {@code Retry-After} when the signing
 * keys cannot be fetched (the token cannot be judged, so the caller retries). What the token then
 * allows (scopes, roles, communities) is each API's own rule.
 */
public final class BearerAuthentication {

    private static final String BEARER = "bearer ";

    private final JwtVerifier verifier;
    private final Duration retryAfter;

    public BearerAuthentication(JwtVerifier verifier, Duration retryAfter) {
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
    }

    /** The verified token of an {@code Authorization} header value (which may be null), or an {@link ApiProblem}. */
    public VerifiedToken verify(String authorization) {
        if (authorization == null || !authorization.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
            throw ApiProblem.unauthorized("missing-token", "an Authorization: Bearer token is required");
        }
        try {
            return verifier.verify(authorization.substring(BEARER.length()).trim());
        } catch (KeySourceUnavailableException e) {
            throw ApiProblem.unavailable("key-source-unavailable",
                    "the token's signing keys cannot be fetched right now; retry later", retryAfter);
        } catch (InvalidTokenException e) {
            throw ApiProblem.unauthorized("invalid-token", "the bearer token was refused: " + e.reason().code());
        }
    }
}
