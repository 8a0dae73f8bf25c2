package dev.ledgerstream.ingest.auth;

import dev.ledgerstream.ingest.web.ApiProblem;
import dev.ledgerstream.jwt.InvalidTokenException;
import dev.ledgerstream.jwt.JwtVerifier;
import dev.ledgerstream.jwt.KeySourceUnavailableException;
import dev.ledgerstream.jwt.VerifiedToken;
import dev.ledgerstream.schemas.CommunityId;
import java.time.Duration;
import java.util.Locale;
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
    private static final String BEARER = "bearer ";

    private final JwtVerifier verifier;
    private final Duration retryAfter;

    public UsageAuthenticator(JwtVerifier verifier, Duration retryAfter) {
        this.verifier = verifier;
        this.retryAfter = retryAfter;
    }

    /** The verified token of an {@code Authorization} header value (which may be null). */
    public VerifiedToken authenticate(String authorization) {
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
