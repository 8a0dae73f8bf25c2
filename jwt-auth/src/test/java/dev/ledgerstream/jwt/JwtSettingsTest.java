package dev.ledgerstream.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class JwtSettingsTest {

    static final String URL = "https://keys.example/.well-known/jwks.json";

    static JwtSettings with(Duration rateLimitWindow, Duration cacheTtl) {
        return new JwtSettings("USAGE", URI.create(URL), "iss", "aud", Duration.ofSeconds(300), Duration.ofSeconds(5),
                8192, cacheTtl, rateLimitWindow, Duration.ofSeconds(2), Duration.ofSeconds(2), 65536, 10_000);
    }

    @Test
    void defaults_follow_the_spec() {
        // given / when
        JwtSettings settings = JwtSettings.of("USAGE", URL, "iss", "aud");
        // then
        assertThat(settings.maxLifetime()).isEqualTo(Duration.ofSeconds(300));
        assertThat(settings.clockSkew()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.maxTokenLength()).isEqualTo(8192);
        assertThat(settings.jwksRateLimitWindow()).isLessThan(settings.jwksCacheTtl());
        assertThat(settings.verifiedTokenCacheMaxEntries()).isEqualTo(10_000);
    }

    @Test
    void a_missing_or_blank_setting_names_its_environment_variable() {
        assertThatIllegalArgumentException().isThrownBy(() -> JwtSettings.of("USAGE", null, "iss", "aud"))
                .withMessageStartingWith("USAGE_JWKS_URL ");
        assertThatIllegalArgumentException().isThrownBy(() -> JwtSettings.of("USAGE", " ", "iss", "aud"))
                .withMessageStartingWith("USAGE_JWKS_URL ");
        assertThatIllegalArgumentException().isThrownBy(() -> JwtSettings.of("ADMIN", URL, "", "aud"))
                .withMessageStartingWith("ADMIN_JWT_ISSUER ");
        assertThatIllegalArgumentException().isThrownBy(() -> JwtSettings.of("ADMIN", URL, "iss", null))
                .withMessageStartingWith("ADMIN_JWT_AUDIENCE ");
    }

    @Test
    void a_jwks_url_must_be_https_unless_it_is_on_loopback() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> JwtSettings.of("USAGE", "http://keys.example/jwks.json", "iss", "aud"))
                .withMessageStartingWith("USAGE_JWKS_URL must use https");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> JwtSettings.of("USAGE", "file:///etc/jwks.json", "iss", "aud"))
                .withMessageStartingWith("USAGE_JWKS_URL ");
        assertThatIllegalArgumentException().isThrownBy(() -> JwtSettings.of("USAGE", "/jwks.json", "iss", "aud"))
                .withMessageStartingWith("USAGE_JWKS_URL ");
        assertThat(JwtSettings.of("USAGE", "http://127.0.0.1:8080/jwks.json", "iss", "aud").jwksUrl().getPort())
                .isEqualTo(8080);
        assertThat(JwtSettings.of("USAGE", "http://localhost/jwks.json", "iss", "aud")).isNotNull();
    }

    @Test
    void the_rate_limit_window_must_be_shorter_than_the_cache_ttl() {
        assertThatIllegalArgumentException().isThrownBy(() -> with(Duration.ofMinutes(5), Duration.ofMinutes(5)))
                .withMessageContaining("jwksRateLimitWindow");
        assertThat(with(Duration.ofSeconds(30), Duration.ofMinutes(5))).isNotNull();
    }

    @Test
    void limits_are_enforced() {
        assertThatIllegalArgumentException().isThrownBy(() -> JwtSettings.of("USAGE", URL, "iss", "aud")
                .withVerifiedTokenCacheMaxEntries(-1)).withMessageContaining("verifiedTokenCacheMaxEntries");
        assertThatIllegalArgumentException().isThrownBy(() -> new JwtSettings("USAGE", URI.create(URL), "iss", "aud",
                        Duration.ofSeconds(300), Duration.ofSeconds(-1), 8192, Duration.ofMinutes(5),
                        Duration.ofSeconds(30), Duration.ofSeconds(2), Duration.ofSeconds(2), 65536, 10))
                .withMessageContaining("clockSkew");
        assertThatIllegalArgumentException().isThrownBy(() -> new JwtSettings("USAGE", URI.create(URL), "iss", "aud",
                        null, Duration.ofSeconds(5), 8192, Duration.ofMinutes(5),
                        Duration.ofSeconds(30), Duration.ofSeconds(2), Duration.ofSeconds(2), 65536, 10))
                .withMessageContaining("maxLifetime");
    }
}
