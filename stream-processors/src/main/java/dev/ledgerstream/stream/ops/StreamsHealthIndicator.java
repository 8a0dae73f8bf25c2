package dev.ledgerstream.stream.ops;

import org.apache.kafka.streams.KafkaStreams;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The Streams state as health: UP while RUNNING or REBALANCING, DOWN when the instance is not
 * running (ERROR, PENDING_ERROR, NOT_RUNNING, or not yet started).
 */
@Component("streams")
class StreamsHealthIndicator implements HealthIndicator {

    private final KafkaStreams streams;

    StreamsHealthIndicator(KafkaStreams streams) {
        this.streams = streams;
    }

    @Override
    public Health health() {
        KafkaStreams.State state = streams.state();
        Health.Builder health = state.isRunningOrRebalancing() ? Health.up() : Health.down();
        return health.withDetail("state", state.name()).build();
    }
}
