package dev.ledgerstream.schemas;

import java.util.Map;
import org.apache.kafka.common.serialization.Serde;

/**
 * One topic of the catalog: its name, key and value serdes, default partition count and the
 * topic configuration it must be created with.
 */
public record TopicSpec<K, V>(
        String name, Serde<K> keySerde, JsonSerde<V> valueSerde, int partitions, Map<String, String> config) {

    public TopicSpec {
        if (!name.matches("[a-z]+(\\.[a-z0-9-]+)+\\.v[0-9]+")) {
            throw new IllegalArgumentException("topic names are <domain>.<what>.v<major>: " + name);
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be positive: " + partitions);
        }
        config = Map.copyOf(config);
    }

    /** The dead-letter topic for records of this topic that could not be processed. */
    public String deadLetterTopic() {
        return Topics.deadLetterTopicOf(name);
    }
}
