package dev.ledgerstream.local.actions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The command's own mistakes are caught before anything is sent (its answers are tested through local mode). */
class ActionCommandTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "refund --payment 1", "grant --payment 1 --reason r", "release --payment",
        "dismiss --payment 1 --amount-micro 5", "list --reason r", "mode --payment 1", "modes --limit 3"})
    void a_usage_mistake_exits_2_with_the_usage_and_sends_nothing(String line) throws Exception {
        // given an admin API that cannot be reached: any request would fail with an exception
        ActionCommand command = new ActionCommand(URI.create("http://127.0.0.1:1"), () -> {
            throw new AssertionError("no token is needed for a usage mistake");
        });
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        // when
        int status = command.run(line.isEmpty() ? List.of() : List.of(line.split(" ")), System.out,
                new PrintStream(err, true, StandardCharsets.UTF_8));

        // then
        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: ledgerstream action grant");
    }
}
