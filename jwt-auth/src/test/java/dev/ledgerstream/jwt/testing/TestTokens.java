package dev.ledgerstream.jwt.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * Mints compact tokens for tests: valid ES256 tokens with any claims and headers, and the classic
 * forgeries ({@code none}, HS256 keyed with the public key, RS256).
 */
public final class TestTokens {

    /** Lifetime of {@link #claims}: well inside the 300 s limit. */
    public static final Duration DEFAULT_LIFETIME = Duration.ofSeconds(60);

    private TestTokens() {
    }

    /**
     * Claims that pass every check at {@code now}: {@code sub}, {@code iss}, {@code aud},
     * {@code iat = now}, {@code exp = now + 60 s} and a random {@code jti}. Add or override claims
     * on the returned builder, e.g. {@code .claim("scope", "usage:write")}.
     */
    public static JWTClaimsSet.Builder claims(Instant now, String issuer, String audience) {
        return new JWTClaimsSet.Builder()
                .subject("test-subject")
                .issuer(issuer)
                .audience(audience)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(DEFAULT_LIFETIME)))
                .jwtID(UUID.randomUUID().toString());
    }

    /** The header an honest issuer sends: ES256, {@code typ JWT} and the key's {@code kid}. */
    public static JWSHeader.Builder es256Header(ECKey key) {
        return new JWSHeader.Builder(JWSAlgorithm.ES256).type(JOSEObjectType.JWT).keyID(key.getKeyID());
    }

    /** An ES256 token signed by {@code key} with the honest header. */
    public static String es256(ECKey key, JWTClaimsSet claims) {
        return es256(key, es256Header(key).build(), claims);
    }

    /** An ES256 token signed by {@code key} with any header, e.g. one carrying {@code jku} or {@code jwk}. */
    public static String es256(ECKey key, JWSHeader header, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(header, claims);
            jwt.sign(new ECDSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An unsecured token, {@code alg: none}, with an empty signature part. */
    public static String unsigned(JWTClaimsSet claims) {
        return new PlainJWT(new PlainHeader(), claims).serialize();
    }

    /**
     * The algorithm-confusion forgery: HS256 keyed with the bytes of the issuer's public key (its
     * X.509 encoding), which a verifier that lets the token pick the algorithm would accept.
     */
    public static String hs256WithPublicKeyBytes(ECKey issuerKey, JWTClaimsSet claims) {
        try {
            byte[] secret = issuerKey.toECPublicKey().getEncoded();
            JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(issuerKey.getKeyID()).build();
            SignedJWT jwt = new SignedJWT(header, claims);
            jwt.sign(new MACSigner(secret));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A genuine RS256 token. */
    public static String rs256(RSAKey key, JWTClaimsSet claims) {
        try {
            JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build();
            SignedJWT jwt = new SignedJWT(header, claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
