package dev.ledgerstream.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.ledgerstream.jwt.testing.JwksTestServer;
import dev.ledgerstream.jwt.testing.MutableClock;
import dev.ledgerstream.jwt.testing.TestKeys;
import dev.ledgerstream.jwt.testing.TestTokens;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** The token rules of SPEC 3.2 and 7 and the classic attacks, with the verified-token cache off. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class JwtVerifierTest {

    static final String ISSUER = "https://inference.example/issuer";
    static final String AUDIENCE = "ledgerstream-usage";
    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    static final ECKey KEY = TestKeys.ecP256("key-1");
    static final ECKey ATTACKER_KEY = TestKeys.ecP256("attacker");

    final MutableClock clock = new MutableClock(NOW);
    final RecordingListener listener = new RecordingListener();
    JwksTestServer jwks;
    JwtVerifier verifier;

    @BeforeEach
    void start_the_issuer() {
        jwks = JwksTestServer.start(KEY);
        JwtSettings settings = JwtSettings.of("USAGE", jwks.jwksUrl().toString(), ISSUER, AUDIENCE)
                .withVerifiedTokenCacheMaxEntries(0);
        verifier = JwtVerifier.create(settings, listener, clock);
    }

    @AfterEach
    void stop_the_issuer() {
        jwks.close();
    }

    static JWTClaimsSet.Builder claims() {
        return TestTokens.claims(NOW, ISSUER, AUDIENCE);
    }

    static String token(JWTClaimsSet.Builder claims) {
        return TestTokens.es256(KEY, claims.build());
    }

    InvalidTokenException refusal(String token) {
        try {
            verifier.verify(token);
        } catch (InvalidTokenException e) {
            return e;
        }
        throw new AssertionError("the token was accepted");
    }

    RejectionReason reasonFor(String token) {
        return refusal(token).reason();
    }

    @Test
    void accepts_a_valid_token_and_exposes_its_claims() throws Exception {
        // given
        String token = token(claims().claim("scope", "usage:write  usage:read").claim("community_id", "c-1")
                .claim("role", "community_admin").claim("tokens", 5));
        // when
        VerifiedToken verified = verifier.verify(token);
        // then
        assertThat(verified.subject()).isEqualTo("test-subject");
        assertThat(verified.issuer()).isEqualTo(ISSUER);
        assertThat(verified.scopes()).containsExactlyInAnyOrder("usage:write", "usage:read");
        assertThat(verified.hasScope("usage:write")).isTrue();
        assertThat(verified.claim("community_id")).contains("c-1");
        assertThat(verified.claim("role")).contains("community_admin");
        assertThat(verified.claim("tokens")).isEmpty();
        assertThat(verified.claim("missing")).isEmpty();
        assertThat(verified.expiresAt()).isEqualTo(NOW.plus(TestTokens.DEFAULT_LIFETIME));
        assertThat(listener.jwksRefreshes).hasValue(1);
        assertThat(listener.rejections).isEmpty();
    }

    @Test
    void accepts_a_token_without_sub_because_the_spec_does_not_require_one() throws Exception {
        // given
        String token = token(claims().subject(null));
        // when
        VerifiedToken verified = verifier.verify(token);
        // then
        assertThat(verified.subject()).isNull();
        assertThat(verified.scopes()).isEmpty();
    }

    @Test
    void rejects_alg_none() {
        // given
        String token = TestTokens.unsigned(claims().build());
        // when / then: refused before any key is looked up
        assertThat(reasonFor(token)).isEqualTo(RejectionReason.ALG_NOT_ALLOWED);
        assertThat(listener.rejections).containsExactly(RejectionReason.ALG_NOT_ALLOWED);
        assertThat(jwks.requestCount()).isZero();
    }

    @Test
    void rejects_alg_none_even_with_a_signature_part() {
        // given: the header says none, but a third part is present so the shape looks like a JWS
        String header = Base64URL.encode("{\"alg\":\"none\",\"kid\":\"key-1\"}").toString();
        String payload = Base64URL.encode(claims().build().toString()).toString();
        // when / then
        assertThat(reasonFor(header + "." + payload + ".AAAA")).isEqualTo(RejectionReason.ALG_NOT_ALLOWED);
    }

    @Test
    void rejects_hs256_signed_with_the_public_key_bytes() {
        // given: the classic algorithm confusion
        String token = TestTokens.hs256WithPublicKeyBytes(KEY, claims().build());
        // when / then
        assertThat(reasonFor(token)).isEqualTo(RejectionReason.ALG_NOT_ALLOWED);
        assertThat(jwks.requestCount()).isZero();
    }

    @Test
    void rejects_rs256_even_when_the_jwks_publishes_the_rsa_key() {
        // given
        RSAKey rsa = TestKeys.rsa2048("rsa-1");
        jwks.publish(KEY, rsa);
        // when / then
        assertThat(reasonFor(TestTokens.rs256(rsa, claims().build()))).isEqualTo(RejectionReason.ALG_NOT_ALLOWED);
    }

    @Test
    void rejects_a_token_signed_by_another_key_under_a_known_kid() {
        // given
        JWSHeader header = TestTokens.es256Header(KEY).build();
        // when
        String forged = TestTokens.es256(ATTACKER_KEY, header, claims().build());
        // then
        assertThat(reasonFor(forged)).isEqualTo(RejectionReason.BAD_SIGNATURE);
    }

    @Test
    void rejects_a_token_whose_payload_was_changed_after_signing() {
        // given
        String[] parts = token(claims()).split("\\.");
        String otherPayload = Base64URL.encode(claims().subject("someone-else").build().toString()).toString();
        // when / then
        assertThat(reasonFor(parts[0] + "." + otherPayload + "." + parts[2])).isEqualTo(RejectionReason.BAD_SIGNATURE);
    }

    @Test
    void rejects_an_expired_token() {
        // given
        String token = token(claims().issueTime(Date.from(NOW.minusSeconds(120)))
                .expirationTime(Date.from(NOW.minusSeconds(60))));
        // when / then
        assertThat(reasonFor(token)).isEqualTo(RejectionReason.EXPIRED);
    }

    @Test
    void accepts_a_token_expired_4_seconds_ago_within_the_clock_skew() throws Exception {
        // given
        String token = token(claims().issueTime(Date.from(NOW.minusSeconds(60)))
                .expirationTime(Date.from(NOW.minusSeconds(4))));
        // when / then
        assertThat(verifier.verify(token).expiresAt()).isEqualTo(NOW.minusSeconds(4));
    }

    @Test
    void rejects_a_token_expired_6_seconds_ago_beyond_the_clock_skew() {
        // given
        String token = token(claims().issueTime(Date.from(NOW.minusSeconds(60)))
                .expirationTime(Date.from(NOW.minusSeconds(6))));
        // when / then
        assertThat(reasonFor(token)).isEqualTo(RejectionReason.EXPIRED);
    }

    @Test
    void rejects_a_token_whose_nbf_is_in_the_future_beyond_the_skew() {
        // given
        String token = token(claims().notBeforeTime(Date.from(NOW.plusSeconds(30))));
        // when / then
        assertThat(reasonFor(token)).isEqualTo(RejectionReason.NOT_YET_VALID);
    }

    @Test
    void accepts_a_token_whose_nbf_is_within_the_skew() throws Exception {
        // given
        String token = token(claims().notBeforeTime(Date.from(NOW.plusSeconds(4))));
        // when / then
        assertThat(verifier.verify(token)).isNotNull();
    }

    @Test
    void rejects_a_token_issued_in_the_future_beyond_the_skew() {
        // given
        String token = token(claims().issueTime(Date.from(NOW.plusSeconds(6)))
                .expirationTime(Date.from(NOW.plusSeconds(66))));
        // when / then
        assertThat(reasonFor(token)).isEqualTo(RejectionReason.ISSUED_IN_FUTURE);
    }

    @Test
    void rejects_a_lifetime_over_300_seconds_and_accepts_exactly_300() throws Exception {
        // given
        String tooLong = token(claims().expirationTime(Date.from(NOW.plusSeconds(301))));
        String longest = token(claims().expirationTime(Date.from(NOW.plusSeconds(300))));
        // when / then
        assertThat(reasonFor(tooLong)).isEqualTo(RejectionReason.LIFETIME_TOO_LONG);
        assertThat(verifier.verify(longest).expiresAt()).isEqualTo(NOW.plusSeconds(300));
    }

    @Test
    void rejects_a_token_without_exp() {
        // given
        String token = token(claims().expirationTime(null));
        // when / then
        assertThat(reasonFor(token)).isEqualTo(RejectionReason.MISSING_EXP);
    }

    @Test
    void rejects_a_token_without_iat() {
        // given
        String token = token(claims().issueTime(null));
        // when / then
        assertThat(reasonFor(token)).isEqualTo(RejectionReason.MISSING_IAT);
    }

    @Test
    void rejects_a_wrong_issuer() {
        // given
        String token = token(claims().issuer("https://evil.example/issuer"));
        // when / then
        assertThat(reasonFor(token)).isEqualTo(RejectionReason.WRONG_ISSUER);
    }

    @Test
    void rejects_a_wrong_audience_and_a_missing_one() {
        // given
        String wrong = token(claims().audience("admin-api"));
        String missing = token(claims().audience((String) null));
        // when / then
        assertThat(reasonFor(wrong)).isEqualTo(RejectionReason.WRONG_AUDIENCE);
        assertThat(reasonFor(missing)).isEqualTo(RejectionReason.WRONG_AUDIENCE);
    }

    @Test
    void accepts_an_audience_array_that_contains_the_audience() throws Exception {
        // given
        String token = token(claims().audience(List.of("other-service", AUDIENCE)));
        // when / then
        assertThat(verifier.verify(token).issuer()).isEqualTo(ISSUER);
    }

    @Test
    void rejects_an_oversized_token_before_parsing_or_fetching_keys() {
        // given: a validly signed token padded past 8 KiB with a large claim
        String token = token(claims().claim("padding", "x".repeat(9000)));
        // when
        RejectionReason reason = reasonFor(token);
        // then
        assertThat(reason).isEqualTo(RejectionReason.TOKEN_TOO_LARGE);
        assertThat(jwks.requestCount()).isZero();
    }

    @Test
    void rejects_garbage_and_tokens_of_the_wrong_shape_as_malformed() {
        // given
        String valid = token(claims());
        String[] parts = valid.split("\\.");
        // when / then
        assertThat(reasonFor(null)).isEqualTo(RejectionReason.MALFORMED);
        assertThat(reasonFor("")).isEqualTo(RejectionReason.MALFORMED);
        assertThat(reasonFor("not a token")).isEqualTo(RejectionReason.MALFORMED);
        assertThat(reasonFor(parts[0] + "." + parts[1])).isEqualTo(RejectionReason.MALFORMED);
        assertThat(reasonFor(parts[0] + "." + parts[1] + ".")).isEqualTo(RejectionReason.MALFORMED);
        assertThat(reasonFor(valid + ".x.y")).isEqualTo(RejectionReason.MALFORMED);
        assertThat(reasonFor("e30." + parts[1] + "." + parts[2])).isEqualTo(RejectionReason.MALFORMED);
        assertThat(reasonFor("%%%." + parts[1] + "." + parts[2])).isEqualTo(RejectionReason.MALFORMED);
    }

    @Test
    void rejects_a_critical_header_extension_it_does_not_understand() {
        // given
        JWSHeader header = TestTokens.es256Header(KEY).criticalParams(Set.of("exp-ext"))
                .customParam("exp-ext", 1).build();
        // when / then
        assertThat(reasonFor(TestTokens.es256(KEY, header, claims().build()))).isEqualTo(RejectionReason.MALFORMED);
    }

    @Test
    void rejects_a_scope_claim_that_is_not_a_string() {
        // given
        String token = token(claims().claim("scope", List.of("usage:write")));
        // when / then
        assertThat(reasonFor(token)).isEqualTo(RejectionReason.MALFORMED);
    }

    @Test
    void never_puts_the_token_in_the_exception() {
        // given
        String token = token(claims().issuer("https://evil.example/issuer"));
        // when
        InvalidTokenException refusal = refusal(token);
        // then
        assertThat(refusal).hasMessage("wrong_issuer").hasNoCause();
        assertThat(refusal.toString()).doesNotContain(token.split("\\.")[1]);
    }

    /** Signs any payload with the issuer's key, to reach the claim parser with bad claims. */
    static String signedPayload(String payload) {
        JWSObject object = new JWSObject(TestTokens.es256Header(KEY).build(), new Payload(payload));
        try {
            object.sign(new ECDSASigner(KEY));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return object.serialize();
    }

    @Test
    void rejects_a_signed_payload_that_is_not_a_json_claims_set() {
        // given
        String token = signedPayload("not json");
        // when / then
        assertThat(reasonFor(token)).isEqualTo(RejectionReason.MALFORMED);
    }

    @Test
    void rejects_a_registered_claim_of_the_wrong_type() {
        // given: exp as a string
        String token = signedPayload("{\"iss\":\"" + ISSUER + "\",\"aud\":\"" + AUDIENCE + "\",\"exp\":\"soon\","
                + "\"iat\":" + NOW.getEpochSecond() + "}");
        // when / then
        assertThat(reasonFor(token)).isEqualTo(RejectionReason.MALFORMED);
    }
}
