package dev.ledgerstream.ingest.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ledgerstream.ingest.payment.IpnSignatureException.Reason;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.BiPredicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
public class IpnVerifierTest {

    private static final String SECRET = "unit-test-secret";
    private static final JsonValue BODY = parse("{\"payment_id\":1,\"ids\":[7,8],\"fee\":{\"b\":0.5,\"a\":1e-7}}");
    private static final String CANONICAL = "{\"fee\":{\"a\":1e-7,\"b\":0.5},\"ids\":[7,8],\"payment_id\":1}";
    private static final String DOCS_SAMPLE = "{\"fee\":{\"a\":1e-7,\"b\":0.5},\"ids\":{\"0\":7,\"1\":8},\"payment_id\":1}";

    private static JsonValue parse(String json) {
        return StrictJsonParser.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    public static String sign(String secret, String form) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA512");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA512"));
        return HexFormat.of().formatHex(mac.doFinal(form.getBytes(StandardCharsets.UTF_8)));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   ", " \t\n"})
    void refuses_to_start_without_a_secret_and_names_the_variable(String secret) {
        // given / when / then
        assertThatThrownBy(() -> new IpnVerifier(secret))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NOWPAYMENTS_IPN_SECRET");
    }

    @Test
    void trims_whitespace_around_the_secret() throws Exception {
        // given
        IpnVerifier verifier = new IpnVerifier("  " + SECRET + "\n");
        // when
        VerifiedIpn ipn = verifier.verify(BODY, sign(SECRET, CANONICAL));
        // then
        assertThat(ipn.signatureForm()).isEqualTo(SignatureForm.CANONICAL);
    }

    @Test
    void accepts_a_signature_over_the_canonical_form_and_computes_the_event_id() throws Exception {
        // given
        IpnVerifier verifier = new IpnVerifier(SECRET);
        // when
        VerifiedIpn ipn = verifier.verify(BODY, sign(SECRET, CANONICAL));
        // then
        assertThat(ipn.canonicalJson()).isEqualTo(CANONICAL);
        assertThat(ipn.canonicalUtf8()).isEqualTo(CANONICAL.getBytes(StandardCharsets.UTF_8));
        assertThat(ipn.eventId()).isEqualTo(HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(CANONICAL.getBytes(StandardCharsets.UTF_8))));
        assertThat(ipn.body()).isSameAs(BODY);
    }

    @Test
    void accepts_a_signature_over_the_docs_sample_form_with_the_canonical_event_id() throws Exception {
        // given
        IpnVerifier verifier = new IpnVerifier(SECRET);
        // when
        VerifiedIpn ipn = verifier.verify(BODY, sign(SECRET, DOCS_SAMPLE));
        // then
        assertThat(ipn.signatureForm()).isEqualTo(SignatureForm.DOCS_SAMPLE);
        assertThat(ipn.canonicalJson()).isEqualTo(CANONICAL);
    }

    @Test
    void accepts_uppercase_hex_and_optional_whitespace_around_the_header() throws Exception {
        // given
        IpnVerifier verifier = new IpnVerifier(SECRET);
        String header = " \t" + sign(SECRET, CANONICAL).toUpperCase(Locale.ROOT) + " ";
        // when
        VerifiedIpn ipn = verifier.verify(BODY, header);
        // then
        assertThat(ipn.signatureForm()).isEqualTo(SignatureForm.CANONICAL);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "  "})
    void rejects_a_missing_signature(String header) {
        // given
        IpnVerifier verifier = new IpnVerifier(SECRET);
        // when / then
        assertThatThrownBy(() -> verifier.verify(BODY, header))
                .isInstanceOfSatisfying(IpnSignatureException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.MISSING));
    }

    @Test
    void rejects_a_malformed_signature() throws Exception {
        // given: short, one digit short or long, non-hex, a prefix, inner whitespace, base64
        IpnVerifier verifier = new IpnVerifier(SECRET);
        String valid = sign(SECRET, CANONICAL);
        String[] headers = {
            "abc123", valid.substring(1), valid + "0", "g" + valid.substring(1), "sha512=" + valid,
            valid.substring(0, 64) + " " + valid.substring(64), "0x" + valid.substring(2),
            "kvI8t3Jtra27kqVoOT84WfhdOEV6AbnqffWcs/cUVkqrQaDET4RXmVIiFo0+5z4jiBAn2VLGksKaHNqtixff0A==",
        };
        for (String header : headers) {
            // when / then
            assertThatThrownBy(() -> verifier.verify(BODY, header))
                    .as(header)
                    .isInstanceOfSatisfying(IpnSignatureException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED));
        }
    }

    @Test
    void rejects_a_signature_made_with_another_secret_or_over_another_body() throws Exception {
        // given
        IpnVerifier verifier = new IpnVerifier(SECRET);
        String[] headers = {
            sign("another-secret", CANONICAL),
            sign(SECRET, CANONICAL.replace("0.5", "5")),
            sign(SECRET, "{\"payment_id\":1,\"ids\":[7,8],\"fee\":{\"b\":0.5,\"a\":1e-7}}"),
        };
        for (String header : headers) {
            // when / then
            assertThatThrownBy(() -> verifier.verify(BODY, header))
                    .isInstanceOfSatisfying(IpnSignatureException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.MISMATCH))
                    .hasMessageNotContaining(header);
        }
    }

    @Test
    void compares_both_forms_in_constant_time_even_when_the_first_matches() throws Exception {
        // given a verifier whose comparisons are observed
        List<byte[]> compared = new ArrayList<>();
        BiPredicate<byte[], byte[]> recording = (expected, actual) -> {
            compared.add(expected);
            return IpnVerifier.CONSTANT_TIME_EQUALS.test(expected, actual);
        };
        IpnVerifier verifier = new IpnVerifier(SECRET, recording);
        // when
        verifier.verify(BODY, sign(SECRET, CANONICAL));
        // then
        assertThat(compared).hasSize(2);
        assertThat(HexFormat.of().formatHex(compared.get(0))).isEqualTo(sign(SECRET, CANONICAL));
        assertThat(HexFormat.of().formatHex(compared.get(1))).isEqualTo(sign(SECRET, DOCS_SAMPLE));
    }

    @Test
    void production_verifiers_compare_with_message_digest_is_equal() throws Exception {
        // given
        IpnVerifier verifier = new IpnVerifier(SECRET);
        Field macEquals = IpnVerifier.class.getDeclaredField("macEquals");
        macEquals.setAccessible(true);
        // when
        Object comparator = macEquals.get(verifier);
        // then: the constant is MessageDigest::isEqual, which takes the same time for any mismatch
        assertThat(comparator).isSameAs(IpnVerifier.CONSTANT_TIME_EQUALS);
        assertThat(IpnVerifier.CONSTANT_TIME_EQUALS.test(new byte[] {1, 2}, new byte[] {1, 2})).isTrue();
        assertThat(IpnVerifier.CONSTANT_TIME_EQUALS.test(new byte[] {1, 2}, new byte[] {1, 3})).isFalse();
    }
}
