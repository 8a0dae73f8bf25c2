package dev.ledgerstream.jwt;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A token whose signature, issuer, audience and times were checked. Immutable, so one instance
 * can be served from the verified-token cache to many requests.
 *
 * @param subject the {@code sub} claim (the publisher or admin user, for audit), or {@code null}
 *     when the token has none: SPEC 3.2 and 7 do not require it, so it is not a refusal reason
 * @param issuer the {@code iss} claim, equal to the configured issuer
 * @param scopes the space-separated {@code scope} claim, empty when absent
 * @param expiresAt the {@code exp} claim
 * @param stringClaims every top-level claim whose value is a JSON string, by name
 */
public record VerifiedToken(
        String subject,
        String issuer,
        Set<String> scopes,
        Instant expiresAt,
        Map<String, String> stringClaims) {

    public VerifiedToken {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(expiresAt, "expiresAt");
        scopes = Set.copyOf(scopes);
        stringClaims = Map.copyOf(stringClaims);
    }

    /** Whether the {@code scope} claim lists this scope, e.g. {@code usage:write}. */
    public boolean hasScope(String scope) {
        return scopes.contains(scope);
    }

    /**
     * A claim's value when it is a JSON string, e.g. {@code claim("community_id")} or
     * {@code claim("role")}; empty when the claim is absent or not a string.
     */
    public Optional<String> claim(String name) {
        return Optional.ofNullable(stringClaims.get(name));
    }
}
