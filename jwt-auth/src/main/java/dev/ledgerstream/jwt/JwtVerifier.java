package dev.ledgerstream.jwt;

import java.time.Clock;
import java.util.Objects;

/**
 * Verifies ES256 bearer tokens against one issuer's JWKS (SPEC 3.2, 7). Thread-safe; create one
 * per token kind at start-up and share it. Creating it makes no network call: the JWKS is fetched
 * by the first verification that needs it.
 */
public interface JwtVerifier {

    /**
     * Checks a compact JWS (the bearer token without the {@code Bearer } prefix).
     *
     * @return the verified claims
     * @throws KeySourceUnavailableException when the keys could not be fetched (a 503 candidate)
     * @throws InvalidTokenException for every other refusal (401), with a safe reason
     */
    VerifiedToken verify(String compactJwt) throws InvalidTokenException;

    /** A verifier on the system UTC clock. */
    static JwtVerifier create(JwtSettings settings, JwtVerifierListener listener) {
        return create(settings, listener, Clock.systemUTC());
    }

    /**
     * A verifier on the given clock, which decides {@code exp}, {@code nbf} and {@code iat}. The
     * JWKS cache and rate limit run on the system clock, as nimbus does.
     */
    static JwtVerifier create(JwtSettings settings, JwtVerifierListener listener, Clock clock) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(clock, "clock");
        JwtVerifier verifier = new Es256JwtVerifier(settings, new JwksKeys(settings, listener), listener, clock);
        if (settings.verifiedTokenCacheMaxEntries() == 0) {
            return verifier;
        }
        return new CachingJwtVerifier(verifier, settings, listener, clock);
    }
}
