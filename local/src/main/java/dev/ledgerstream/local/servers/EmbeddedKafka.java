package dev.ledgerstream.local.servers;

import dev.ledgerstream.embedded.EmbeddedKafkaBroker;
import dev.ledgerstream.local.Component;
import java.nio.file.Path;

/**
 * The single-node Kafka broker (KRaft) of local mode, on fixed ports so that a restart comes back
 * at the same address, on the same data: topics, records and committed offsets survive it.
 */
public final class EmbeddedKafka implements Component {

    private final EmbeddedKafkaBroker broker;

    /** A broker with its log directory in {@code dataDirectory}, listening on 127.0.0.1 ({@code 0} picks a free port). */
    public EmbeddedKafka(Path dataDirectory, int port, int controllerPort) {
        this.broker = EmbeddedKafkaBroker.builder(dataDirectory)
                .brokerPort(port)
                .controllerPort(controllerPort)
                .build();
    }

    @Override
    public String name() {
        return "Kafka broker";
    }

    @Override
    public void start() {
        broker.start();
    }

    @Override
    public void stop() {
        broker.stop();
    }

    /** Where clients connect, {@code 127.0.0.1:<port>}; known once the broker has started. */
    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    public Path dataDirectory() {
        return broker.dataDirectory();
    }
}
