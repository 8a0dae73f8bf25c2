package dev.ledgerstream.sink.consume;

import dev.ledgerstream.servicekit.kafka.KafkaClientSecurity;
import java.time.Duration;
import java.util.Objects;

/**
 * Every setting of the consuming side of the sink; see {@code SinkProperties} for each one's meaning.
 */
public record SinkSettings(
        String kafkaBootstrapServers,
        KafkaClientSecurity kafkaSecurity,
        String groupId,
        String applicationName,
        int consumers,
        int batchMaxRecords,
        Duration pollTimeout,
        int writeAttempts,
        Duration retryBackoffInitial,
        Duration retryBackoffMax,
        Duration commitTimeout,
        Duration deadLetterTimeout,
        Duration lagInterval,
        Duration shutdownTimeout) {

    public SinkSettings {
        Objects.requireNonNull(kafkaBootstrapServers, "kafkaBootstrapServers");
        Objects.requireNonNull(kafkaSecurity, "kafkaSecurity");
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(applicationName, "applicationName");
        if (consumers < 1 || consumers > 64) {
            throw new IllegalArgumentException("consumers must be 1-64: " + consumers);
        }
        if (batchMaxRecords < 1 || batchMaxRecords > 100_000) {
            throw new IllegalArgumentException("batchMaxRecords must be 1-100000: " + batchMaxRecords);
        }
        if (writeAttempts < 1 || writeAttempts > 100) {
            throw new IllegalArgumentException("writeAttempts must be 1-100: " + writeAttempts);
        }
        for (Duration duration : new Duration[] {pollTimeout, retryBackoffInitial, retryBackoffMax, commitTimeout,
            deadLetterTimeout, lagInterval, shutdownTimeout}) {
            if (duration == null || duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("durations must be positive: " + this);
            }
        }
        if (retryBackoffMax.compareTo(retryBackoffInitial) < 0) {
            throw new IllegalArgumentException("retryBackoffMax must not be below retryBackoffInitial");
        }
    }

    /** The defaults of {@code SinkProperties}, for tools that run the sink without Spring. */
    public static SinkSettings defaults(String kafkaBootstrapServers, String groupId) {
        return new SinkSettings(kafkaBootstrapServers, KafkaClientSecurity.NONE, groupId, "ledger-sink", 1, 2000,
                Duration.ofMillis(500), 3, Duration.ofMillis(200), Duration.ofSeconds(10), Duration.ofSeconds(10),
                Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofSeconds(30));
    }

    /** The same settings with other retry bounds (tests shorten them). */
    public SinkSettings withRetryBackoff(Duration initial, Duration max) {
        return new SinkSettings(kafkaBootstrapServers, kafkaSecurity, groupId, applicationName, consumers,
                batchMaxRecords,
                pollTimeout, writeAttempts, initial, max, commitTimeout, deadLetterTimeout, lagInterval,
                shutdownTimeout);
    }

    /** The same settings with another batch bound. */
    public SinkSettings withBatchMaxRecords(int records) {
        return new SinkSettings(kafkaBootstrapServers, kafkaSecurity, groupId, applicationName, consumers, records,
                pollTimeout,
                writeAttempts, retryBackoffInitial, retryBackoffMax, commitTimeout, deadLetterTimeout, lagInterval,
                shutdownTimeout);
    }

    /** The wait before the {@code n}-th consecutive retry (n ≥ 1): doubling from the initial backoff, capped. */
    Duration backoff(int n) {
        long millis = retryBackoffInitial.toMillis();
        for (int i = 1; i < n && millis < retryBackoffMax.toMillis(); i++) {
            millis *= 2;
        }
        return Duration.ofMillis(Math.min(millis, retryBackoffMax.toMillis()));
    }
}
