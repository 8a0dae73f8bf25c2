package dev.ledgerstream.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.ledgerstream.jwt.testing.JwksTestServer;
import dev.ledgerstream.jwt.testing.MutableClock;
import dev.ledgerstream.jwt.testing.TestKeys;
import dev.ledgerstream.jwt.testing.TestTokens;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** Where keys come from: only the configured JWKS, refreshed on an unknown kid within the rate limit. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class JwksKeysTest {

    static final String ISSUER = "https://admin.example/issuer";
    static final String AUDIENCE = "ledgerstream-admin";
    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    static final ECKey KEY = TestKeys.ecP256("key-1");
    static final ECKey ATTACKER_KEY = TestKeys.ecP256("attacker");

    final RecordingListener listener = new RecordingListener();
    JwksTestServer jwks;
    JwksTestServer attacker;
    JwtVerifier verifier;

    @BeforeEach
    void start_the_issuer_and_an_attacker() {
        jwks = JwksTestServer.start(KEY);
        attacker = JwksTestServer.start(ATTACKER_KEY);
        JwtSettings settings = JwtSettings.of("ADMIN", jwks.jwksUrl().toString(), ISSUER, AUDIENCE)
                .withVerifiedTokenCacheMaxEntries(0);
        verifier = JwtVerifier.create(settings, listener, new MutableClock(NOW));
    }

    @AfterEach
    void stop_servers() {
        jwks.close();
        attacker.close();
    }

    static JWTClaimsSet claims() {
        return TestTokens.claims(NOW, ISSUER, AUDIENCE).claim("role", "admin").build();
    }

    InvalidTokenException refusal(String token) {
        try {
            verifier.verify(token);
        } catch (InvalidTokenException e) {
            return e;
        }
        throw new AssertionError("the token was accepted");
    }

    @Test
    void an_unknown_kid_triggers_one_refresh_and_the_next_unknown_kid_none() throws Exception {
        // given: the JWKS was fetched for a valid token
        verifier.verify(TestTokens.es256(KEY, claims()));
        assertThat(jwks.requestCount()).isEqualTo(1);
        // when
        RejectionReason first = refusal(TestTokens.es256(ATTACKER_KEY, claims())).reason();
        int afterFirst = jwks.requestCount();
        RejectionReason second = refusal(TestTokens.es256(TestKeys.ecP256("attacker-2"), claims())).reason();
        // then
        assertThat(first).isEqualTo(RejectionReason.UNKNOWN_KEY);
        assertThat(afterFirst).isEqualTo(2);
        assertThat(second).isEqualTo(RejectionReason.UNKNOWN_KEY);
        assertThat(jwks.requestCount()).isEqualTo(2);
        assertThat(listener.jwksRefreshes).hasValue(2);
    }

    @Test
    void a_rotated_key_is_accepted_after_a_refresh() throws Exception {
        // given
        verifier.verify(TestTokens.es256(KEY, claims()));
        ECKey rotated = TestKeys.ecP256("key-2");
        jwks.publish(KEY, rotated);
        // when
        VerifiedToken verified = verifier.verify(TestTokens.es256(rotated, claims()));
        // then
        assertThat(verified.claim("role")).contains("admin");
        assertThat(jwks.requestCount()).isEqualTo(2);
    }

    @Test
    void a_jku_header_makes_no_request_and_its_keys_are_not_used() {
        // given: signed by the attacker, pointing at the attacker's JWKS
        JWSHeader toAttackerKid = new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(ATTACKER_KEY.getKeyID())
                .jwkURL(attacker.jwksUrl()).build();
        JWSHeader toIssuerKid = new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(KEY.getKeyID())
                .jwkURL(attacker.jwksUrl()).x509CertURL(attacker.jwksUrl()).build();
        // when
        RejectionReason unknownKid = refusal(TestTokens.es256(ATTACKER_KEY, toAttackerKid, claims())).reason();
        RejectionReason knownKid = refusal(TestTokens.es256(ATTACKER_KEY, toIssuerKid, claims())).reason();
        // then
        assertThat(unknownKid).isEqualTo(RejectionReason.UNKNOWN_KEY);
        assertThat(knownKid).isEqualTo(RejectionReason.BAD_SIGNATURE);
        assertThat(attacker.requestCount()).isZero();
    }

    @Test
    void an_embedded_jwk_header_is_never_used_to_verify() {
        // given: the attacker embeds their own public key, with their kid and with the issuer's
        JWSHeader ownKid = new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(ATTACKER_KEY.getKeyID())
                .jwk(ATTACKER_KEY.toPublicJWK()).build();
        JWSHeader issuerKid = new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(KEY.getKeyID())
                .jwk(ATTACKER_KEY.toPublicJWK()).build();
        JWSHeader noKid = new JWSHeader.Builder(JWSAlgorithm.ES256).jwk(ATTACKER_KEY.toPublicJWK()).build();
        // when / then
        assertThat(refusal(TestTokens.es256(ATTACKER_KEY, ownKid, claims())).reason())
                .isEqualTo(RejectionReason.UNKNOWN_KEY);
        assertThat(refusal(TestTokens.es256(ATTACKER_KEY, issuerKid, claims())).reason())
                .isEqualTo(RejectionReason.BAD_SIGNATURE);
        assertThat(refusal(TestTokens.es256(ATTACKER_KEY, noKid, claims())).reason())
                .isEqualTo(RejectionReason.BAD_SIGNATURE);
    }

    @Test
    void a_token_without_kid_is_verified_with_the_only_key_of_the_jwks() throws Exception {
        // given
        JWSHeader noKid = new JWSHeader.Builder(JWSAlgorithm.ES256).build();
        // when
        VerifiedToken verified = verifier.verify(TestTokens.es256(KEY, noKid, claims()));
        // then
        assertThat(verified.subject()).isEqualTo("test-subject");
    }

    @Test
    void a_token_without_kid_is_refused_when_the_jwks_has_several_keys() {
        // given
        jwks.publish(KEY, TestKeys.ecP256("key-2"));
        JWSHeader noKid = new JWSHeader.Builder(JWSAlgorithm.ES256).build();
        // when / then
        assertThat(refusal(TestTokens.es256(KEY, noKid, claims())).reason()).isEqualTo(RejectionReason.UNKNOWN_KEY);
    }

    @Test
    void an_unreachable_jwks_is_reported_as_unavailable_not_as_a_bad_token() {
        // given
        jwks.close();
        // when
        InvalidTokenException refusal = refusal(TestTokens.es256(KEY, claims()));
        // then
        assertThat(refusal).isInstanceOf(KeySourceUnavailableException.class).hasCauseInstanceOf(Exception.class);
        assertThat(refusal.reason()).isEqualTo(RejectionReason.JWKS_UNAVAILABLE);
        assertThat(listener.rejections).containsExactly(RejectionReason.JWKS_UNAVAILABLE);
    }

    @Test
    void a_failing_jwks_stays_unavailable_when_refreshes_are_rate_limited() {
        // given
        jwks.respondWith(500, "{\"error\":\"down\"}");
        // when: the first two attempts fetch (each with one retry), the third is rate-limited
        InvalidTokenException first = refusal(TestTokens.es256(KEY, claims()));
        InvalidTokenException second = refusal(TestTokens.es256(KEY, claims()));
        InvalidTokenException third = refusal(TestTokens.es256(KEY, claims()));
        // then
        assertThat(first).isInstanceOf(KeySourceUnavailableException.class);
        assertThat(second).isInstanceOf(KeySourceUnavailableException.class);
        assertThat(third).isInstanceOf(KeySourceUnavailableException.class);
        assertThat(jwks.requestCount()).isEqualTo(4);
    }

    @Test
    void an_oversized_jwks_is_refused() {
        // given
        jwks.respondWith(200, "{\"keys\":[],\"padding\":\"" + "x".repeat(JwtSettings.DEFAULT_JWKS_MAX_BYTES) + "\"}");
        // when / then
        assertThat(refusal(TestTokens.es256(KEY, claims()))).isInstanceOf(KeySourceUnavailableException.class);
    }

    @Test
    void a_redirect_of_the_jwks_url_is_not_followed() {
        // given: the attacker's server would serve a key for the attacker's token
        jwks.redirectTo(attacker.jwksUrl());
        // when
        InvalidTokenException refusal = refusal(TestTokens.es256(ATTACKER_KEY, claims()));
        // then
        assertThat(refusal).isInstanceOf(KeySourceUnavailableException.class);
        assertThat(attacker.requestCount()).isZero();
    }
}
