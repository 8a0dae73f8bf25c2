package dev.ledgerstream.ingest;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ledgerstream.servicekit.MissingSettingException;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** A missing secret or key source is a start-up error naming the variable, never a bypass. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class StartupIT {

    static final Map<String, String> COMPLETE = Map.of(
            "ledgerstream.ingest.ipn-secret", "s",
            "ledgerstream.ingest.usage-jwks-url", "http://127.0.0.1:1/jwks.json",
            "ledgerstream.ingest.usage-jwt-issuer", "iss",
            "ledgerstream.ingest.usage-jwt-audience", "aud",
            "ledgerstream.ingest.kafka-bootstrap-servers", "127.0.0.1:1",
            "server.port", "0");

    @ParameterizedTest
    @ValueSource(strings = {"ipn-secret:NOWPAYMENTS_IPN_SECRET", "usage-jwks-url:USAGE_JWKS_URL",
            "usage-jwt-issuer:USAGE_JWT_ISSUER", "usage-jwt-audience:USAGE_JWT_AUDIENCE"})
    void refuses_to_start_without_a_required_setting(String propertyAndVariable) {
        // given
        String[] parts = propertyAndVariable.split(":");
        Map<String, String> properties = new java.util.HashMap<>(COMPLETE);
        properties.put("ledgerstream.ingest." + parts[0], " ");
        String[] arguments = properties.entrySet().stream()
                .map(property -> "--" + property.getKey() + "=" + property.getValue()).toArray(String[]::new);
        // when / then
        assertThatThrownBy(() -> new SpringApplicationBuilder(IngestApplication.class).run(arguments))
                .hasRootCauseInstanceOf(MissingSettingException.class)
                .rootCause().hasMessageStartingWith(parts[1] + " is not set");
    }

    @ParameterizedTest
    @ValueSource(strings = {"database-url: :DATABASE_URL is not set",
            "nowpayments-api-url:http://api.example.com:NOWPAYMENTS_API_URL must use https"})
    void with_an_api_key_the_recovery_needs_its_database_and_an_https_api(String case_) {
        // given: the key switches the stuck-payment recovery on (ADR 0016)
        String[] parts = case_.split(":", 2);
        String property = parts[0];
        String value = parts[1].substring(0, parts[1].lastIndexOf(':'));
        String message = parts[1].substring(parts[1].lastIndexOf(':') + 1);
        Map<String, String> properties = new java.util.HashMap<>(COMPLETE);
        properties.put("ledgerstream.ingest.nowpayments-api-key", "key");
        properties.put("ledgerstream.ingest.database-url", "jdbc:postgresql://127.0.0.1:1/ledger");
        properties.put("ledgerstream.ingest.database-user", "reader");
        properties.put("ledgerstream.ingest." + property, value);
        String[] arguments = properties.entrySet().stream()
                .map(entry -> "--" + entry.getKey() + "=" + entry.getValue()).toArray(String[]::new);
        // when / then
        assertThatThrownBy(() -> new SpringApplicationBuilder(IngestApplication.class).run(arguments))
                .hasRootCauseInstanceOf(MissingSettingException.class)
                .rootCause().hasMessageStartingWith(message);
    }
}
