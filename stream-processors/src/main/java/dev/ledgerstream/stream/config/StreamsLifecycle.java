package dev.ledgerstream.stream.config;

import java.time.Duration;
import org.apache.kafka.streams.KafkaStreams;
import org.springframework.context.SmartLifecycle;

/**
 * Starts Kafka Streams with the application and closes it cleanly on shutdown (SIGTERM): the
 * current transaction commits, state is flushed, and the group is left so partitions move at
 * once. Never {@code cleanUp()} on a normal start: local state is what makes restarts fast.
 */
class StreamsLifecycle implements SmartLifecycle {

    private final KafkaStreams streams;
    private final Duration shutdownTimeout;
    private volatile boolean running;

    StreamsLifecycle(KafkaStreams streams, Duration shutdownTimeout) {
        this.streams = streams;
        this.shutdownTimeout = shutdownTimeout;
    }

    @Override
    public void start() {
        streams.start();
        running = true;
    }

    @Override
    public void stop() {
        streams.close(new KafkaStreams.CloseOptions().timeout(shutdownTimeout)
                .leaveGroup(true));
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
