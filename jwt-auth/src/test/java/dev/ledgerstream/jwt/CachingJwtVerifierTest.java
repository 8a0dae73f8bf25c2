package dev.ledgerstream.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.nimbusds.jose.jwk.ECKey;
import dev.ledgerstream.jwt.testing.JwksTestServer;
import dev.ledgerstream.jwt.testing.MutableClock;
import dev.ledgerstream.jwt.testing.TestKeys;
import dev.ledgerstream.jwt.testing.TestTokens;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class CachingJwtVerifierTest {

    static final String ISSUER = "https://inference.example/issuer";
    static final String AUDIENCE = "ledgerstream-usage";
    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    static final ECKey KEY = TestKeys.ecP256("key-1");

    final MutableClock clock = new MutableClock(NOW);
    final RecordingListener listener = new RecordingListener();
    JwksTestServer jwks;

    @BeforeEach
    void start_the_issuer() {
        jwks = JwksTestServer.start(KEY);
    }

    @AfterEach
    void stop_the_issuer() {
        jwks.close();
    }

    JwtVerifier verifier(int maxEntries) {
        JwtSettings settings = JwtSettings.of("USAGE", jwks.jwksUrl().toString(), ISSUER, AUDIENCE)
                .withVerifiedTokenCacheMaxEntries(maxEntries);
        return JwtVerifier.create(settings, listener, clock);
    }

    static String token() {
        return TestTokens.es256(KEY, TestTokens.claims(NOW, ISSUER, AUDIENCE).build());
    }

    @Test
    void the_second_verification_of_a_token_is_a_cache_hit() throws Exception {
        // given
        JwtVerifier verifier = verifier(10);
        String token = token();
        VerifiedToken first = verifier.verify(token);
        // when
        VerifiedToken second = verifier.verify(token);
        // then
        assertThat(second).isSameAs(first);
        assertThat(listener.cacheMisses).hasValue(1);
        assertThat(listener.cacheHits).hasValue(1);
    }

    @Test
    void a_token_past_its_expiry_and_skew_is_not_served_from_the_cache() throws Exception {
        // given
        JwtVerifier verifier = verifier(10);
        String token = token();
        verifier.verify(token);
        // when: within the skew it is still a hit, one second beyond it is refused
        clock.advance(TestTokens.DEFAULT_LIFETIME.plusSeconds(5));
        verifier.verify(token);
        clock.advance(Duration.ofSeconds(1));
        // then
        assertThatExceptionOfType(InvalidTokenException.class).isThrownBy(() -> verifier.verify(token))
                .withMessage("expired");
        assertThat(listener.cacheHits).hasValue(1);
        assertThat(listener.rejections).containsExactly(RejectionReason.EXPIRED);
    }

    @Test
    void a_refused_token_is_not_cached() {
        // given
        JwtVerifier verifier = verifier(10);
        String wrongIssuer = TestTokens.es256(KEY, TestTokens.claims(NOW, "https://evil.example", AUDIENCE).build());
        // when
        for (int i = 0; i < 2; i++) {
            assertThatExceptionOfType(InvalidTokenException.class).isThrownBy(() -> verifier.verify(wrongIssuer));
        }
        // then
        assertThat(listener.cacheHits).hasValue(0);
        assertThat(listener.rejections).containsExactly(RejectionReason.WRONG_ISSUER, RejectionReason.WRONG_ISSUER);
    }

    @Test
    void the_cache_is_bounded_and_evicts_the_least_recently_used_token() throws Exception {
        // given
        JwtVerifier verifier = verifier(2);
        String a = token();
        String b = token();
        String c = token();
        verifier.verify(a);
        verifier.verify(b);
        verifier.verify(a);
        // when: c evicts b, the least recently used
        verifier.verify(c);
        verifier.verify(a);
        verifier.verify(b);
        // then
        assertThat(((CachingJwtVerifier) verifier).size()).isEqualTo(2);
        assertThat(listener.cacheHits).hasValue(2);
        assertThat(listener.cacheMisses).hasValue(4);
    }

    @Test
    void a_cache_size_of_zero_switches_the_cache_off() throws Exception {
        // given
        JwtVerifier verifier = verifier(0);
        String token = token();
        // when
        verifier.verify(token);
        verifier.verify(token);
        // then
        assertThat(verifier).isNotInstanceOf(CachingJwtVerifier.class);
        assertThat(listener.cacheHits).hasValue(0);
        assertThat(listener.cacheMisses).hasValue(0);
    }

    @Test
    void an_oversized_token_is_refused_without_touching_the_cache() {
        // given
        JwtVerifier verifier = verifier(10);
        String huge = "a".repeat(JwtSettings.DEFAULT_MAX_TOKEN_LENGTH + 1);
        // when / then
        assertThatExceptionOfType(InvalidTokenException.class).isThrownBy(() -> verifier.verify(huge))
                .withMessage("token_too_large");
        assertThat(listener.cacheMisses).hasValue(0);
    }

    @Test
    void the_cache_is_on_by_default() {
        // given
        JwtSettings settings = JwtSettings.of("USAGE", jwks.jwksUrl().toString(), ISSUER, AUDIENCE);
        // when
        JwtVerifier verifier = JwtVerifier.create(settings, JwtVerifierListener.NONE);
        // then
        assertThat(verifier).isInstanceOf(CachingJwtVerifier.class);
    }
}
