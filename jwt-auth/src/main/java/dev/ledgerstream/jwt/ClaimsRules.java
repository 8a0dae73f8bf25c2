package dev.ledgerstream.jwt;

import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The claim checks of SPEC 3.2 and 7, applied after the signature is known to be good. Pure: the
 * current time is an argument, so the skew edges are tested without sleeping.
 */
final class ClaimsRules {

    private final String issuer;
    private final String audience;
    private final Duration maxLifetime;
    private final Duration clockSkew;

    ClaimsRules(JwtSettings settings) {
        this.issuer = settings.issuer();
        this.audience = settings.audience();
        this.maxLifetime = settings.maxLifetime();
        this.clockSkew = settings.clockSkew();
    }

    VerifiedToken check(JWTClaimsSet claims, Instant now) throws InvalidTokenException {
        if (!issuer.equals(claims.getIssuer())) {
            throw new InvalidTokenException(RejectionReason.WRONG_ISSUER);
        }
        List<String> audiences = claims.getAudience();
        if (!audiences.contains(audience)) {
            throw new InvalidTokenException(RejectionReason.WRONG_AUDIENCE);
        }
        Instant expiresAt = instant(claims.getExpirationTime(), RejectionReason.MISSING_EXP);
        Instant issuedAt = instant(claims.getIssueTime(), RejectionReason.MISSING_IAT);
        checkTimes(expiresAt, issuedAt, claims.getNotBeforeTime(), now);
        return new VerifiedToken(claims.getSubject(), issuer, scopes(claims), expiresAt,
                stringClaims(claims));
    }

    /** Every time rule; the skew only ever widens acceptance by {@link #clockSkew}. */
    private void checkTimes(Instant expiresAt, Instant issuedAt, Date notBefore, Instant now)
            throws InvalidTokenException {
        // A long-lived token is refused even when it is fresh: a leaked one would stay usable.
        if (Duration.between(issuedAt, expiresAt).compareTo(maxLifetime) > 0) {
            throw new InvalidTokenException(RejectionReason.LIFETIME_TOO_LONG);
        }
        if (now.isAfter(expiresAt.plus(clockSkew))) {
            throw new InvalidTokenException(RejectionReason.EXPIRED);
        }
        Instant latestAcceptable = now.plus(clockSkew);
        if (notBefore != null && notBefore.toInstant().isAfter(latestAcceptable)) {
            throw new InvalidTokenException(RejectionReason.NOT_YET_VALID);
        }
        // Without this check a token "issued" in the future would pass the lifetime rule while
        // being usable for longer than maxLifetime from now.
        if (issuedAt.isAfter(latestAcceptable)) {
            throw new InvalidTokenException(RejectionReason.ISSUED_IN_FUTURE);
        }
    }

    private static Instant instant(Date value, RejectionReason whenMissing) throws InvalidTokenException {
        if (value == null) {
            throw new InvalidTokenException(whenMissing);
        }
        return value.toInstant();
    }

    /** The scope claim is a space-separated string (RFC 8693 section 4.2); anything else is malformed. */
    private static Set<String> scopes(JWTClaimsSet claims) throws InvalidTokenException {
        Object scope = claims.getClaim("scope");
        if (scope == null) {
            return Set.of();
        }
        if (!(scope instanceof String text)) {
            throw new InvalidTokenException(RejectionReason.MALFORMED);
        }
        return Arrays.stream(text.split(" ")).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    }

    private static Map<String, String> stringClaims(JWTClaimsSet claims) {
        Map<String, String> strings = new HashMap<>();
        claims.getClaims().forEach((name, value) -> {
            if (value instanceof String text) {
                strings.put(name, text);
            }
        });
        return strings;
    }
}
