package dev.ledgerstream.ingest;

import dev.ledgerstream.schemas.TopicSpec;
import dev.ledgerstream.testsupport.TestServers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a topic back from the beginning with {@code read_committed}, through the topic's own
 * serde (so every record is also checked against its JSON Schema).
 */
final class TopicReader {

    private TopicReader() {
    }

    /**
     * Every record of {@code topic} up to and including the first one matching {@code until};
     * fails when that one does not arrive within 30 s.
     */
    static <V> List<ConsumerRecord<String, V>> readUntil(TopicSpec<String, V> topic, Predicate<V> until) {
        Map<String, Object> config = new HashMap<>(TestServers.kafka().clientConfig());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<String, V>> seen = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                topic.valueSerde().deserializer())) {
            consumer.subscribe(List.of(topic.name()));
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, V> record : consumer.poll(Duration.ofMillis(200))) {
                    seen.add(record);
                    if (until.test(record.value())) {
                        return seen;
                    }
                }
            }
        }
        throw new AssertionError("the awaited record did not arrive on " + topic.name() + " within 30 s; saw "
                + seen.size() + " records");
    }
}
