package dev.ledgerstream.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class LocalSettingsTest {

    @Test
    void without_variables_runs_everything_itself_on_the_documented_ports_under_dot_data() {
        // given
        Map<String, String> env = Map.of();
        // when
        LocalSettings settings = LocalSettings.fromEnvironment(env);
        // then
        assertThat(settings.dataDirectory()).isEqualTo(Path.of(".data").toAbsolutePath().normalize());
        assertThat(settings.kafkaDirectory()).isEqualTo(settings.dataDirectory().resolve("kafka"));
        assertThat(settings.devDirectory()).isEqualTo(settings.dataDirectory().resolve("dev"));
        assertThat(settings.kafkaPort()).isEqualTo(9092);
        assertThat(settings.kafkaControllerPort()).isEqualTo(9093);
        assertThat(settings.ingestPort()).isEqualTo(8080);
        assertThat(settings.devJwksPort()).isEqualTo(8099);
        assertThat(settings.embeddedKafka()).isTrue();
        assertThat(settings.devJwks()).isTrue();
        assertThat(settings.ipnSecret()).isEmpty();
        assertThat(settings.usageJwtIssuer()).isEqualTo("ledgerstream-local");
        assertThat(settings.usageJwtAudience()).isEqualTo("ledgerstream-ingest");
    }

    @Test
    void uses_the_spec_variables_where_they_are_set() {
        // given
        Map<String, String> env = Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "kafka-1:9092,kafka-2:9092",
                "NOWPAYMENTS_IPN_SECRET", " real-secret \n",
                "USAGE_JWKS_URL", "https://inference.example/.well-known/jwks.json",
                "USAGE_JWT_ISSUER", "https://inference.example",
                "USAGE_JWT_AUDIENCE", "ingest",
                "INGEST_PORT", "18080",
                "LEDGER_DATA_DIR", "/tmp/ledger-data");
        // when
        LocalSettings settings = LocalSettings.fromEnvironment(env);
        // then
        assertThat(settings.embeddedKafka()).isFalse();
        assertThat(settings.kafkaBootstrapServers()).contains("kafka-1:9092,kafka-2:9092");
        assertThat(settings.ipnSecret()).contains("real-secret");
        assertThat(settings.devJwks()).isFalse();
        assertThat(settings.usageJwtIssuer()).isEqualTo("https://inference.example");
        assertThat(settings.usageJwtAudience()).isEqualTo("ingest");
        assertThat(settings.ingestPort()).isEqualTo(18080);
        assertThat(settings.dataDirectory()).isEqualTo(Path.of("/tmp/ledger-data"));
    }

    @Test
    void moves_the_controller_next_to_the_broker_unless_told_otherwise() {
        // when
        LocalSettings moved = LocalSettings.fromEnvironment(Map.of("LEDGER_KAFKA_PORT", "19092"));
        LocalSettings explicit = LocalSettings.fromEnvironment(Map.of(
                "LEDGER_KAFKA_PORT", "19092", "LEDGER_KAFKA_CONTROLLER_PORT", "29093"));
        // then
        assertThat(moved.kafkaControllerPort()).isEqualTo(19093);
        assertThat(explicit.kafkaControllerPort()).isEqualTo(29093);
    }

    @Test
    void treats_a_blank_variable_as_unset() {
        // when
        LocalSettings settings = LocalSettings.fromEnvironment(Map.of("NOWPAYMENTS_IPN_SECRET", "  ", "INGEST_PORT", ""));
        // then
        assertThat(settings.ipnSecret()).isEmpty();
        assertThat(settings.ingestPort()).isEqualTo(8080);
    }

    @Test
    void names_the_variable_of_a_port_that_is_not_a_port() {
        // then
        assertThatThrownBy(() -> LocalSettings.fromEnvironment(Map.of("INGEST_PORT", "http")))
                .hasMessage("INGEST_PORT must be a port number (0-65535): http");
        assertThatThrownBy(() -> LocalSettings.fromEnvironment(Map.of("LEDGER_KAFKA_PORT", "70000")))
                .hasMessageStartingWith("LEDGER_KAFKA_PORT must be a port number");
        assertThatThrownBy(() -> LocalSettings.fromEnvironment(Map.of(
                "LEDGER_KAFKA_PORT", "9092", "LEDGER_KAFKA_CONTROLLER_PORT", "9092")))
                .hasMessageContaining("must differ");
    }
}
