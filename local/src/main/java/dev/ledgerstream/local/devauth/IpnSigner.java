package dev.ledgerstream.local.devauth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs a notification as the provider does ({@code x-nowpayments-sig}: hex HMAC-SHA512 of the body
 * with the IPN secret), for everything of ours that sends one: the demo and the go/no-go dry run,
 * the local-mode tests and the benchmarks. The body must be its own canonical form (compact, keys
 * sorted, plain numbers), as theirs are.
 */
public final class IpnSigner {

    private IpnSigner() {
    }

    public static String sign(String secret, String body) {
        return sign(secret, body.getBytes(StandardCharsets.UTF_8));
    }

    /** The lowercase hex signature of {@code body}'s bytes, with {@code secret} trimmed as the ingest API trims it. */
    public static String sign(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA512");
            mac.init(new SecretKeySpec(secret.strip().getBytes(StandardCharsets.UTF_8), "HmacSHA512"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            // Every Java runtime must provide HmacSHA512; reaching this is a broken JVM.
            throw new IllegalStateException("HmacSHA512 is unavailable", e);
        }
    }
}
