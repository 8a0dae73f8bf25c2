package dev.ledgerstream.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ReconcileToolTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void a_missing_setting_is_named_in_one_line_and_the_status_is_2() {
        // when
        int status = run(Map.of("DATABASE_URL", "jdbc:postgresql://127.0.0.1:1/x"), "reconcile");

        // then
        assertThat(status).isEqualTo(ReconcileTool.FAILED);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("KAFKA_BOOTSTRAP_SERVERS").hasLineCount(1);
    }

    @Test
    void an_unknown_command_or_option_is_refused_with_status_2() {
        // then
        assertThat(run(Map.of(), "reconcile", "--frm", "x")).isEqualTo(ReconcileTool.FAILED);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown option --frm");
        assertThat(run(Map.of("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:1", "DATABASE_URL", "jdbc:postgresql://h/d",
                "DATABASE_USER", "u"), "replay")).isEqualTo(ReconcileTool.FAILED);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown command replay");
    }

    @Test
    void help_prints_the_usage_with_status_0() {
        // then
        assertThat(run(Map.of(), "help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("reconcile", "rebuild", "--settle", "--every");
    }

    @Test
    void durations_read_as_operators_write_them() {
        // then
        assertThat(ReconcileTool.duration("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(ReconcileTool.duration("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(ReconcileTool.duration("6h")).isEqualTo(Duration.ofHours(6));
        assertThat(ReconcileTool.duration("1d")).isEqualTo(Duration.ofDays(1));
        assertThat(ReconcileTool.duration("PT15M")).isEqualTo(Duration.ofMinutes(15));
        assertThatThrownBy(() -> ReconcileTool.duration("soon")).hasMessageContaining("not a duration: soon");
    }

    private int run(Map<String, String> env, String... args) {
        return ReconcileTool.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }
}
