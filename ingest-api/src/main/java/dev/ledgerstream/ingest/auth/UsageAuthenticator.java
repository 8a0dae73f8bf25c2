package dev.ledgerstream.ingest.auth;

import dev.ledgerstream.jwt.BearerAuthentication;
import dev.ledgerstream.jwt.JwtVerifier;
import dev.ledgerstream.jwt.VerifiedToken;
import dev.ledgerstream.schemas.CommunityId;
import dev.ledgerstream.servicekit.web.ApiProblem;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Who may publish usage (SPEC 3.2): a valid ES256 bearer token (401 otherwise) with scope
 * {@code usage:write} (403 otherwise); an optional {@code community_id} claim restricts every
 * event of the request to that community (403 otherwise). When the key source cannot be reached
 * the token cannot be judged, so the answer is 503 and the publisher retries.
 */
public class UsageAuthenticator {

    static final String REQUIRED_SCOPE = "usage:write";

    private final BearerAuthentication bearer;

    public UsageAuthenticator(JwtVerifier verifier, Duration retryAfter) {
        this.bearer = new BearerAuthentication(verifier, retryAfter);
    }

    /** The verified token of an {@code Authorization} header value (which may be null). */
    public VerifiedToken authenticate(String authorization) {
        VerifiedToken token = bearer.verify(authorization);
        if (!token.scopes().contains(REQUIRED_SCOPE)) {
            throw ApiProblem.forbidden("missing-scope", "the token lacks the scope " + REQUIRED_SCOPE);
        }
        return token;
    }

    /** 403 when the token is restricted to one community and the request names another. */
    public void requireCommunities(VerifiedToken token, Set<CommunityId> communities) {
        Optional<String> restriction = token.claim("community_id");
        if (restriction.isEmpty()) {
            return;
        }
        if (!CommunityId.isValid(restriction.get())) {
            throw ApiProblem.forbidden("community-mismatch", "the token's community_id claim is not a UUID");
        }
        CommunityId allowed = CommunityId.parse(restriction.get());
        for (CommunityId community : communities) {
            if (!community.equals(allowed)) {
                throw ApiProblem.forbidden("community-mismatch",
                        "the token may only publish usage for community " + allowed);
            }
        }
    }
}
