package dev.ledgerstream.local.devauth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

/** Usage tokens signed with the development key, shaped like an inference service's (SPEC 3.2). */
public final class DevTokens {

    /** The longest lifetime the ingest API accepts (SPEC 3.2). */
    public static final Duration LIFETIME = Duration.ofSeconds(300);
    public static final String SUBJECT = "local-dev";
    public static final String SCOPE = "usage:write";

    private DevTokens() {
    }

    /** A compact ES256 token: {@code iss}, {@code aud}, {@code sub local-dev}, {@code scope usage:write}, valid for 300 s from {@code now}. */
    public static String usageToken(ECKey key, String issuer, String audience, Instant now) {
        return sign(key, issuer, audience, now, Map.of("scope", SCOPE));
    }

    /** An admin token (SPEC 7) with {@code role admin}: every community, valid for 300 s from {@code now}. */
    public static String adminToken(ECKey key, String issuer, String audience, Instant now) {
        return sign(key, issuer, audience, now, Map.of("role", "admin"));
    }

    /** A community admin's token (SPEC 7): {@code role community_admin} for {@code communityId} only. */
    public static String communityAdminToken(ECKey key, String issuer, String audience, String communityId, Instant now) {
        return sign(key, issuer, audience, now, Map.of("role", "community_admin", "community_id", communityId));
    }

    private static String sign(ECKey key, String issuer, String audience, Instant now, Map<String, String> grants) {
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(audience)
                .subject(SUBJECT)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(LIFETIME)))
                .jwtID(UUID.randomUUID().toString());
        grants.forEach(builder::claim);
        JWTClaimsSet claims = builder.build();
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256).type(JOSEObjectType.JWT).keyID(key.getKeyID()).build();
        try {
            SignedJWT jwt = new SignedJWT(header, claims);
            jwt.sign(new ECDSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign a token with the development key", e);
        }
    }
}
