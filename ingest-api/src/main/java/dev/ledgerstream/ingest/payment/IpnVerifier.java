package dev.ledgerstream.ingest.payment;

import dev.ledgerstream.ingest.payment.IpnSignatureException.Reason;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.function.BiPredicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks the {@code x-nowpayments-sig} header: lowercase or uppercase hex HMAC-SHA512, keyed with
 * {@code NOWPAYMENTS_IPN_SECRET}, over the canonical form's UTF-8 bytes or, as the provider's
 * documentation sample signs, over the form with arrays turned into index-keyed objects
 * (SPEC 3.1). Thread-safe: each call uses its own {@link Mac}.
 */
public final class IpnVerifier {

    /** The header's name, for the web layer. */
    public static final String SIGNATURE_HEADER = "x-nowpayments-sig";

    /** Constant-time: the time taken does not reveal how many leading bytes matched. */
    static final BiPredicate<byte[], byte[]> CONSTANT_TIME_EQUALS = MessageDigest::isEqual;

    private static final String HMAC = "HmacSHA512";
    private static final int SIGNATURE_HEX_DIGITS = 128;

    private final SecretKeySpec key;
    private final BiPredicate<byte[], byte[]> macEquals;

    /**
     * @param secret the IPN secret; surrounding whitespace is trimmed, as the provider does
     * @throws IllegalArgumentException when the secret is missing or blank, so that the
     *     service refuses to start instead of accepting unsigned notifications
     */
    public IpnVerifier(String secret) {
        this(secret, CONSTANT_TIME_EQUALS);
    }

    /** For tests that observe the comparisons; production uses {@link #CONSTANT_TIME_EQUALS}. */
    IpnVerifier(String secret, BiPredicate<byte[], byte[]> macEquals) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException(
                    "NOWPAYMENTS_IPN_SECRET is missing or blank: refusing to verify IPNs without a key");
        }
        this.key = new SecretKeySpec(secret.strip().getBytes(StandardCharsets.UTF_8), HMAC);
        this.macEquals = macEquals;
    }

    /**
     * Verifies the signature header against a parsed body.
     *
     * @param body the body as parsed by {@link StrictJsonParser#parse(byte[])}
     * @param signatureHeader the header's value, or null when the request had none
     * @return the verified notification with its canonical form and event id
     * @throws IpnSignatureException when the header is missing, malformed or does not match
     */
    public VerifiedIpn verify(JsonValue body, String signatureHeader) {
        byte[] signature = decodeSignature(signatureHeader);
        CanonicalJson.Forms forms = CanonicalJson.forms(body);
        // Both comparisons always run, so the timing does not tell which form was tried last.
        boolean canonicalMatches = macEquals.test(hmac(forms.canonical()), signature);
        boolean docsSampleMatches = macEquals.test(hmac(forms.docsSample()), signature);
        if (!canonicalMatches && !docsSampleMatches) {
            throw new IpnSignatureException(Reason.MISMATCH, "IPN signature does not match the body");
        }
        SignatureForm form = canonicalMatches ? SignatureForm.CANONICAL : SignatureForm.DOCS_SAMPLE;
        return new VerifiedIpn(body, forms.canonical(), EventIds.of(forms.canonical()), form);
    }

    /**
     * The header as 64 bytes. Only optional whitespace around it is tolerated (RFC 9110 does not
     * count it as part of a field value, and servers differ in stripping it); a prefix such as
     * {@code sha512=}, a truncated value or non-hex digits are malformed.
     */
    static byte[] decodeSignature(String header) {
        String value = header == null ? "" : stripOptionalWhitespace(header);
        if (value.isEmpty()) {
            throw new IpnSignatureException(Reason.MISSING, "the " + SIGNATURE_HEADER + " header is missing");
        }
        if (value.length() != SIGNATURE_HEX_DIGITS || !value.chars().allMatch(HexFormat::isHexDigit)) {
            throw new IpnSignatureException(Reason.MALFORMED,
                    "the " + SIGNATURE_HEADER + " header is not " + SIGNATURE_HEX_DIGITS + " hex digits");
        }
        return HexFormat.of().parseHex(value);
    }

    private static String stripOptionalWhitespace(String value) {
        int start = 0;
        int end = value.length();
        while (start < end && isOptionalWhitespace(value.charAt(start))) {
            start++;
        }
        while (end > start && isOptionalWhitespace(value.charAt(end - 1))) {
            end--;
        }
        return value.substring(start, end);
    }

    private static boolean isOptionalWhitespace(char c) {
        return c == ' ' || c == '\t';
    }

    private byte[] hmac(String form) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            return mac.doFinal(form.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            // Every Java runtime must provide HmacSHA512; reaching this is a broken JVM.
            throw new IllegalStateException("HmacSHA512 is unavailable", e);
        }
    }
}
