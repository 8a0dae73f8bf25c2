package dev.ledgerstream.local.devauth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.text.ParseException;
import java.util.HexFormat;

/**
 * The development IPN secret and usage signing key, each generated on first use and kept in the
 * given directory ({@code <LEDGER_DATA_DIR>/dev}), so restarts and {@code ./ledgerstream token}
 * use the same ones. Files are readable by their owner only (0600).
 */
public final class DevCredentials {

    static final String IPN_SECRET_FILE = "nowpayments-ipn-secret";
    static final String SIGNING_KEY_FILE = "usage-signing-key.jwk.json";

    private static final SecureRandom RANDOM = new SecureRandom();

    private DevCredentials() {
    }

    /** The development IPN secret: {@code dev-ipn-} and 256 random bits in hex. */
    public static String ipnSecret(Path devDirectory) {
        return OwnerOnlyFiles.readOrCreate(devDirectory.resolve(IPN_SECRET_FILE), () -> {
            byte[] secret = new byte[32];
            RANDOM.nextBytes(secret);
            return "dev-ipn-" + HexFormat.of().formatHex(secret);
        });
    }

    /** The development ES256 key (P-256, private half included), its {@code kid} its RFC 7638 thumbprint. */
    public static ECKey usageSigningKey(Path devDirectory) {
        Path file = devDirectory.resolve(SIGNING_KEY_FILE);
        String json = OwnerOnlyFiles.readOrCreate(file, () -> generateKey().toJSONString());
        try {
            ECKey key = ECKey.parse(json);
            if (!key.isPrivate() || !Curve.P_256.equals(key.getCurve()) || key.getKeyID() == null) {
                throw new IllegalStateException(file + " is not a P-256 private key with a kid: delete it to generate a new one");
            }
            return key;
        } catch (ParseException e) {
            throw new IllegalStateException(file + " is not a JWK: delete it to generate a new one", e);
        }
    }

    private static ECKey generateKey() {
        try {
            return new ECKeyGenerator(Curve.P_256)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.ES256)
                    .keyIDFromThumbprint(true)
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot generate a P-256 key", e);
        }
    }
}
