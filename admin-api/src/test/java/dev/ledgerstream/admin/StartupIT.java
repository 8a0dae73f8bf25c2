package dev.ledgerstream.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.ledgerstream.servicekit.MissingSettingException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** A missing key source or database refuses start-up with the variable's name; there is no insecure fallback. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class StartupIT {

    static final Map<String, String> COMPLETE = Map.of(
            "ADMIN_JWKS_URL", "https://auth.ledgerstream.test/.well-known/jwks.json",
            "ADMIN_JWT_ISSUER", "https://auth.ledgerstream.test",
            "ADMIN_JWT_AUDIENCE", "ledgerstream-admin",
            "DATABASE_URL", "postgres://reader@127.0.0.1:1/ledger",
            "KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:1");

    @ParameterizedTest
    @ValueSource(strings = {"ADMIN_JWKS_URL", "ADMIN_JWT_ISSUER", "ADMIN_JWT_AUDIENCE", "DATABASE_URL",
            "KAFKA_BOOTSTRAP_SERVERS"})
    void a_missing_required_variable_stops_start_up_naming_it(String missing) {
        // given
        Map<String, Object> settings = new LinkedHashMap<>(COMPLETE);
        settings.put(missing, "");

        // when
        Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(AdminApplication.class)
                .web(WebApplicationType.NONE).properties(settings).run().close());

        // then
        assertThat(failure).hasRootCauseInstanceOf(MissingSettingException.class);
        MissingSettingException cause = (MissingSettingException) rootCause(failure);
        assertThat(cause.variable()).isEqualTo(missing);
        assertThat(cause.getMessage()).startsWith(missing + " ").contains("refuses to start");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://auth.example.com/jwks.json", "not a url"})
    void a_jwks_url_that_is_not_https_stops_start_up(String url) {
        // given
        Map<String, Object> settings = new LinkedHashMap<>(COMPLETE);
        settings.put("ADMIN_JWKS_URL", url);

        // when
        Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(AdminApplication.class)
                .web(WebApplicationType.NONE).properties(settings).run().close());

        // then
        assertThat(((MissingSettingException) rootCause(failure)).variable()).isEqualTo("ADMIN_JWKS_URL");
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
