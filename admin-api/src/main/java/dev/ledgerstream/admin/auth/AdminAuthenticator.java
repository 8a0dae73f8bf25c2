package dev.ledgerstream.admin.auth;

import dev.ledgerstream.admin.web.ApiProblem;
import dev.ledgerstream.jwt.InvalidTokenException;
import dev.ledgerstream.jwt.JwtVerifier;
import dev.ledgerstream.jwt.KeySourceUnavailableException;
import dev.ledgerstream.jwt.VerifiedToken;
import dev.ledgerstream.schemas.CommunityId;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Who may read (SPEC 7): a valid ES256 bearer token from the admin issuer (401 otherwise, checked
 * by {@link JwtVerifier}: signature against the cached, refreshing JWKS, {@code iss}, {@code aud},
 * times), whose {@code role} claim is {@code admin}, or {@code community_admin} with a
 * {@code community_id} claim (403 otherwise). When the key source cannot be reached the token
 * cannot be judged, so the answer is 503 and the client retries.
 */
public class AdminAuthenticator {

    private static final String BEARER = "bearer ";

    private final JwtVerifier verifier;
    private final Duration retryAfter;

    public AdminAuthenticator(JwtVerifier verifier, Duration retryAfter) {
        this.verifier = verifier;
        this.retryAfter = retryAfter;
    }

    /** The principal of an {@code Authorization} header value (which may be null). */
    public AdminPrincipal authenticate(String authorization) {
        if (authorization == null || !authorization.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
            throw ApiProblem.unauthorized("missing-token", "an Authorization: Bearer token is required");
        }
        VerifiedToken token;
        try {
            token = verifier.verify(authorization.substring(BEARER.length()).trim());
        } catch (KeySourceUnavailableException e) {
            throw ApiProblem.unavailable("key-source-unavailable",
                    "the token's signing keys cannot be fetched right now; retry later", retryAfter);
        } catch (InvalidTokenException e) {
            throw ApiProblem.unauthorized("invalid-token", "the bearer token was refused: " + e.reason().code());
        }
        return principalOf(token);
    }

    private static AdminPrincipal principalOf(VerifiedToken token) {
        Optional<AdminRole> role = token.claim("role").flatMap(AdminRole::ofClaim);
        if (role.isEmpty()) {
            throw ApiProblem.forbidden("role-not-allowed", "the token's role claim must be admin or community_admin");
        }
        if (role.get() == AdminRole.ADMIN) {
            return new AdminPrincipal(AdminRole.ADMIN, null, token.subject());
        }
        Optional<String> community = token.claim("community_id");
        if (community.isEmpty() || !CommunityId.isValid(community.get())) {
            throw ApiProblem.forbidden("community-claim-required",
                    "a community_admin token needs a community_id claim holding a community id (UUID)");
        }
        return new AdminPrincipal(AdminRole.COMMUNITY_ADMIN, UUID.fromString(community.get()), token.subject());
    }
}
