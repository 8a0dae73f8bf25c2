package dev.ledgerstream.jwt;

import dev.ledgerstream.servicekit.HttpsUrl;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.time.Duration;

/**
 * How one kind of token is verified (SPEC 3.2 usage tokens, SPEC 7 admin tokens). A missing or
 * invalid setting is a start-up error naming the environment variable; there is no value that
 * switches a check off.
 *
 * @param variablePrefix the environment-variable prefix the settings come from ({@code USAGE},
 *     {@code ADMIN}); errors name {@code <prefix>_JWKS_URL}, {@code <prefix>_JWT_ISSUER} and
 *     {@code <prefix>_JWT_AUDIENCE}
 * @param jwksUrl where the keys come from, and the only place they come from: https, or http to a
 *     loopback host for local mode and tests
 * @param issuer the exact {@code iss} every token must carry
 * @param audience the value the token's {@code aud} (string or array) must contain
 * @param maxLifetime the longest {@code exp - iat} accepted, default 300 s
 * @param clockSkew tolerance applied to {@code exp}, {@code nbf} and {@code iat}, default 5 s
 * @param maxTokenLength longer tokens are refused before any parsing, default 8,192 characters
 * @param jwksCacheTtl how long a fetched JWKS is used before it is fetched again, default 5 min
 * @param jwksRateLimitWindow at most two JWKS fetches happen per window (nimbus semantics: one
 *     regular fetch plus one kept in reserve for a key rotation), so tokens with random
 *     {@code kid}s cannot make us hammer the key server; default 30 s, less than the cache TTL
 * @param jwksConnectTimeout TCP connect timeout of a JWKS fetch, default 2 s
 * @param jwksReadTimeout read timeout of a JWKS fetch, default 2 s
 * @param jwksMaxBytes larger JWKS documents are refused, default 64 KiB
 * @param verifiedTokenCacheMaxEntries how many verified tokens are remembered until they expire,
 *     so a client reusing its token skips the ECDSA check; default 10,000, 0 switches the cache off
 */
public record JwtSettings(
        String variablePrefix,
        URI jwksUrl,
        String issuer,
        String audience,
        Duration maxLifetime,
        Duration clockSkew,
        int maxTokenLength,
        Duration jwksCacheTtl,
        Duration jwksRateLimitWindow,
        Duration jwksConnectTimeout,
        Duration jwksReadTimeout,
        int jwksMaxBytes,
        int verifiedTokenCacheMaxEntries) {

    public static final Duration DEFAULT_MAX_LIFETIME = Duration.ofSeconds(300);
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(5);
    public static final int DEFAULT_MAX_TOKEN_LENGTH = 8 * 1024;
    public static final Duration DEFAULT_JWKS_CACHE_TTL = Duration.ofMinutes(5);
    public static final Duration DEFAULT_JWKS_RATE_LIMIT_WINDOW = Duration.ofSeconds(30);
    public static final Duration DEFAULT_JWKS_CONNECT_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration DEFAULT_JWKS_READ_TIMEOUT = Duration.ofSeconds(2);
    public static final int DEFAULT_JWKS_MAX_BYTES = 64 * 1024;
    public static final int DEFAULT_VERIFIED_TOKEN_CACHE_MAX_ENTRIES = 10_000;

    // Upper bounds catch unit mistakes (milliseconds typed as seconds) at start-up.
    private static final Duration MAX_TIMEOUT = Duration.ofMinutes(1);
    private static final int MAX_TOKEN_LENGTH_LIMIT = 1024 * 1024;
    private static final int MAX_JWKS_BYTES_LIMIT = 10 * 1024 * 1024;
    private static final int MAX_CACHE_ENTRIES_LIMIT = 10_000_000;

    public JwtSettings {
        if (variablePrefix == null || variablePrefix.isBlank()) {
            throw new IllegalArgumentException("variablePrefix must not be blank");
        }
        requireJwksUrl(jwksUrl, variablePrefix + "_JWKS_URL");
        requireText(issuer, variablePrefix + "_JWT_ISSUER");
        requireText(audience, variablePrefix + "_JWT_AUDIENCE");
        requireWithin(maxLifetime, "maxLifetime", Duration.ofSeconds(1), Duration.ofDays(1));
        requireWithin(clockSkew, "clockSkew", Duration.ZERO, Duration.ofMinutes(5));
        requireWithin(maxTokenLength, "maxTokenLength", 16, MAX_TOKEN_LENGTH_LIMIT);
        requireWithin(jwksCacheTtl, "jwksCacheTtl", Duration.ofSeconds(1), Duration.ofDays(1));
        requireWithin(jwksRateLimitWindow, "jwksRateLimitWindow", Duration.ofMillis(1), Duration.ofDays(1));
        // The JWKS source refuses a window that is not shorter than the cache TTL: with such a
        // window, an expired cache could not always be refreshed.
        if (jwksRateLimitWindow.compareTo(jwksCacheTtl) >= 0) {
            throw new IllegalArgumentException("jwksRateLimitWindow must be shorter than jwksCacheTtl");
        }
        requireWithin(jwksConnectTimeout, "jwksConnectTimeout", Duration.ofMillis(1), MAX_TIMEOUT);
        requireWithin(jwksReadTimeout, "jwksReadTimeout", Duration.ofMillis(1), MAX_TIMEOUT);
        requireWithin(jwksMaxBytes, "jwksMaxBytes", 64, MAX_JWKS_BYTES_LIMIT);
        requireWithin(verifiedTokenCacheMaxEntries, "verifiedTokenCacheMaxEntries", 0, MAX_CACHE_ENTRIES_LIMIT);
    }

    /**
     * Settings with every default, from the raw values of {@code <prefix>_JWKS_URL},
     * {@code <prefix>_JWT_ISSUER} and {@code <prefix>_JWT_AUDIENCE}.
     *
     * @throws IllegalArgumentException naming the variable that is missing, blank or invalid
     */
    public static JwtSettings of(String variablePrefix, String jwksUrl, String issuer, String audience) {
        return new JwtSettings(variablePrefix, parseUrl(jwksUrl, variablePrefix + "_JWKS_URL"), issuer, audience,
                DEFAULT_MAX_LIFETIME, DEFAULT_CLOCK_SKEW, DEFAULT_MAX_TOKEN_LENGTH,
                DEFAULT_JWKS_CACHE_TTL, DEFAULT_JWKS_RATE_LIMIT_WINDOW,
                DEFAULT_JWKS_CONNECT_TIMEOUT, DEFAULT_JWKS_READ_TIMEOUT, DEFAULT_JWKS_MAX_BYTES,
                DEFAULT_VERIFIED_TOKEN_CACHE_MAX_ENTRIES);
    }

    /** A copy with another verified-token cache size; 0 switches the cache off (benchmarks). */
    public JwtSettings withVerifiedTokenCacheMaxEntries(int maxEntries) {
        return new JwtSettings(variablePrefix, jwksUrl, issuer, audience, maxLifetime, clockSkew, maxTokenLength,
                jwksCacheTtl, jwksRateLimitWindow, jwksConnectTimeout, jwksReadTimeout, jwksMaxBytes, maxEntries);
    }

    /** The JWKS URL as the {@link URL} the HTTP client needs; valid by construction. */
    URL jwksUrlForFetching() {
        try {
            return jwksUrl.toURL();
        } catch (MalformedURLException e) {
            throw new IllegalStateException("validated at construction", e);
        }
    }

    private static URI parseUrl(String value, String variable) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(variable + " must be set: the URL of the token signers' JWKS");
        }
        try {
            return new URI(value.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(variable + " is not a valid URL");
        }
    }

    private static void requireJwksUrl(URI url, String variable) {
        if (url == null || url.toString().isBlank()) {
            throw new IllegalArgumentException(variable + " must be set: the URL of the token signers' JWKS");
        }
        // Plain http would let anyone on the path substitute the keys; it is fine on loopback only.
        HttpsUrl.require(variable, url);
    }

    private static void requireText(String value, String variable) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(variable + " must be set");
        }
    }

    private static void requireWithin(Duration value, String name, Duration min, Duration max) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must be set");
        }
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ": " + value);
        }
    }

    private static void requireWithin(int value, String name, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ": " + value);
        }
    }
}
