package dev.ledgerstream.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ModeSelectionTest {

    private final AtomicInteger dockerQuestions = new AtomicInteger();

    @Test
    void chooses_embedded_servers_without_external_servers_or_docker() {
        // given
        ModeSelection modes = modes(Map.of(), false);

        // when
        ModeSelection.Decision kafka = modes.kafka();
        ModeSelection.Decision postgres = modes.postgres();

        // then
        assertThat(kafka.mode()).isEqualTo(ServerMode.EMBEDDED);
        assertThat(postgres.mode()).isEqualTo(ServerMode.EMBEDDED);
        assertThat(kafka.reason()).isEqualTo("no KAFKA_BOOTSTRAP_SERVERS, no Docker engine");
    }

    @Test
    void chooses_testcontainers_when_a_docker_engine_answers() {
        // given
        ModeSelection modes = modes(Map.of(), true);

        // when
        ModeSelection.Decision kafka = modes.kafka();

        // then
        assertThat(kafka.mode()).isEqualTo(ServerMode.TESTCONTAINERS);
    }

    @Test
    void chooses_an_external_server_per_variable_without_asking_docker() {
        // given
        ModeSelection modes = modes(Map.of("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092"), false);

        // when
        ModeSelection.Decision kafka = modes.kafka();

        // then
        assertThat(kafka.mode()).isEqualTo(ServerMode.EXTERNAL);
        assertThat(dockerQuestions).hasValue(0);
        assertThat(modes.postgres().mode()).isEqualTo(ServerMode.EMBEDDED);
    }

    @Test
    void a_forced_mode_wins_over_external_variables_and_docker() {
        // given
        ModeSelection modes = modes(Map.of(
                "LEDGER_TEST_SERVERS", "Embedded",
                "KAFKA_BOOTSTRAP_SERVERS", "kafka:9092",
                "DATABASE_URL", "jdbc:postgresql://db/ledger"), true);

        // when
        ModeSelection.Decision kafka = modes.kafka();

        // then
        assertThat(kafka.mode()).isEqualTo(ServerMode.EMBEDDED);
        assertThat(kafka.reason()).isEqualTo("LEDGER_TEST_SERVERS=embedded");
        assertThat(modes.postgres().mode()).isEqualTo(ServerMode.EMBEDDED);
    }

    @Test
    void auto_chooses_as_if_nothing_was_forced() {
        // given
        ModeSelection modes = modes(Map.of("LEDGER_TEST_SERVERS", "auto"), true);

        // when
        ModeSelection.Decision postgres = modes.postgres();

        // then
        assertThat(postgres.mode()).isEqualTo(ServerMode.TESTCONTAINERS);
    }

    @Test
    void forcing_external_without_its_variable_fails_naming_the_variable() {
        // given
        ModeSelection modes = modes(Map.of("LEDGER_TEST_SERVERS", "external"), false);

        // when / then
        assertThatThrownBy(modes::postgres)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("LEDGER_TEST_SERVERS=external needs DATABASE_URL to be set");
    }

    @Test
    void forcing_testcontainers_without_docker_fails_at_once() {
        // given
        ModeSelection modes = modes(Map.of("LEDGER_TEST_SERVERS", "testcontainers"), false);

        // when / then
        assertThatThrownBy(modes::kafka).hasMessage("LEDGER_TEST_SERVERS=testcontainers but no Docker engine is available");
    }

    @Test
    void rejects_an_unknown_forced_mode() {
        // given
        ModeSelection modes = modes(Map.of("LEDGER_TEST_SERVERS", "docker"), true);

        // when / then
        assertThatThrownBy(modes::kafka)
                .hasMessage("LEDGER_TEST_SERVERS must be embedded, testcontainers, external or auto, not 'docker'");
    }

    private ModeSelection modes(Map<String, String> settings, boolean docker) {
        return new ModeSelection(name -> Optional.ofNullable(settings.get(name)), () -> {
            dockerQuestions.incrementAndGet();
            return docker;
        });
    }
}
