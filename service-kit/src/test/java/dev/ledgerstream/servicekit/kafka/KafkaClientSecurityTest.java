package dev.ledgerstream.servicekit.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ledgerstream.servicekit.SettingProblem;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class KafkaClientSecurityTest {

    @Test
    void without_a_protocol_the_clients_log_in_not_at_all() {
        assertThat(KafkaClientSecurity.of(Map.<String, String>of()::get)).isEqualTo(KafkaClientSecurity.NONE);
        assertThat(KafkaClientSecurity.NONE.clientProperties()).containsExactly(Map.entry("security.protocol", "PLAINTEXT"));
    }

    @Test
    void a_sasl_protocol_logs_in_with_scram_sha_512_by_default_and_never_shows_the_password() {
        // when
        KafkaClientSecurity security = KafkaClientSecurity.of(Map.of("KAFKA_SECURITY_PROTOCOL", "sasl_ssl",
                "KAFKA_SASL_USERNAME", "ledger-sink", "KAFKA_SASL_PASSWORD", "p\"w\\d")::get);

        // then
        assertThat(security.clientProperties()).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required "
                        + "username=\"ledger-sink\" password=\"p\\\"w\\\\d\";");
        assertThat(security.toString()).isEqualTo("SASL_SSL SCRAM-SHA-512 as ledger-sink").doesNotContain("p\"w");
        assertThat(security.addTo(Map.of("bootstrap.servers", "b:9096"))).containsEntry("bootstrap.servers", "b:9096")
                .containsEntry("security.protocol", "SASL_SSL");
    }

    @Test
    void a_missing_or_unknown_setting_is_named() {
        assertThatThrownBy(() -> KafkaClientSecurity.of(Map.of("KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "KAFKA_SASL_USERNAME", "ingest-api")::get)).isInstanceOf(SettingProblem.class)
                .extracting(problem -> ((SettingProblem) problem).variable()).isEqualTo("KAFKA_SASL_PASSWORD");
        assertThatThrownBy(() -> KafkaClientSecurity.of(Map.of("KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "KAFKA_SASL_PASSWORD", "x")::get)).extracting(problem -> ((SettingProblem) problem).variable())
                .isEqualTo("KAFKA_SASL_USERNAME");
        assertThatThrownBy(() -> KafkaClientSecurity.of(Map.of("KAFKA_SECURITY_PROTOCOL", "KERBEROS")::get))
                .extracting(problem -> ((SettingProblem) problem).variable()).isEqualTo("KAFKA_SECURITY_PROTOCOL");
        assertThatThrownBy(() -> KafkaClientSecurity.of(Map.of("KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "KAFKA_SASL_MECHANISM", "PLAIN", "KAFKA_SASL_USERNAME", "a", "KAFKA_SASL_PASSWORD", "b")::get))
                .extracting(problem -> ((SettingProblem) problem).variable()).isEqualTo("KAFKA_SASL_MECHANISM");
        // A login without a protocol would silently go unused.
        assertThatThrownBy(() -> KafkaClientSecurity.of(Map.of("KAFKA_SASL_USERNAME", "a")::get))
                .extracting(problem -> ((SettingProblem) problem).variable()).isEqualTo("KAFKA_SECURITY_PROTOCOL");
    }
}
