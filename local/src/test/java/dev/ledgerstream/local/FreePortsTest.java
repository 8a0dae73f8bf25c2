package dev.ledgerstream.local;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class FreePortsTest {

    @Test
    void names_the_variable_that_moves_a_port_in_use() throws Exception {
        // given
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            int port = taken.getLocalPort();
            // then
            assertThatThrownBy(() -> FreePorts.require("127.0.0.1", port, "LEDGER_KAFKA_PORT"))
                    .hasMessage("Port " + port + " (LEDGER_KAFKA_PORT) is in use: is local mode already running?"
                            + " Stop it, or set LEDGER_KAFKA_PORT to another port");
        }
    }

    @Test
    void lets_port_zero_pass_as_any_free_port() {
        // then
        assertThatCode(() -> FreePorts.require("127.0.0.1", 0, "INGEST_PORT")).doesNotThrowAnyException();
    }
}
