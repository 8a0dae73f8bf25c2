package dev.ledgerstream.admin.auth;

import dev.ledgerstream.jwt.BearerAuthentication;
import dev.ledgerstream.jwt.JwtVerifier;
import dev.ledgerstream.jwt.VerifiedToken;
import dev.ledgerstream.schemas.CommunityId;
import dev.ledgerstream.servicekit.web.ApiProblem;
import java.time.Duration;
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

    private final BearerAuthentication bearer;

    public AdminAuthenticator(JwtVerifier verifier, Duration retryAfter) {
        this.bearer = new BearerAuthentication(verifier, retryAfter);
    }

    /** The principal of an {@code Authorization} header value (which may be null). */
    public AdminPrincipal authenticate(String authorization) {
        return principalOf(bearer.verify(authorization));
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
