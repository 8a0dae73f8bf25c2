package dev.ledgerstream.jwt.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;

/**
 * Fresh signing keys for tests. The returned JWKs hold the private part; publish them with {@link
 * JwksTestServer}, which serves only the public part.
 */
public final class TestKeys {

    private TestKeys() {
    }

    /** An EC P-256 key pair declared for ES256 signatures, as an issuer would publish it. */
    public static ECKey ecP256(String kid) {
        try {
            return new ECKeyGenerator(Curve.P_256)
                    .keyID(kid)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.ES256)
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A 2048-bit RSA key pair, for proving that RS256 is refused even when the JWKS holds the key. */
    public static RSAKey rsa2048(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.SIGNATURE).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
