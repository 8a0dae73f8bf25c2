package dev.ledgerstream.sink.write;

import dev.ledgerstream.schemas.JsonSerde;
import dev.ledgerstream.schemas.TopicSpec;
import dev.ledgerstream.schemas.Topics;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The topics the sink reads, from the catalog: the five ledger topics, the verified and the
 * quarantined IPNs (for {@code webhook_events}), and every dead-letter topic (for
 * {@code dead_letters}). Records of the first seven are decoded and validated with their topic's
 * serde; dead letters are kept as bytes, whatever they hold.
 */
public final class SinkTopics {

    private static final Map<String, JsonSerde<?>> DECODED = decoded();
    private static final Set<String> DEAD_LETTERS = deadLetters();

    private SinkTopics() {
    }

    /** Every topic the sink subscribes to, in a stable order. */
    public static List<String> subscribed() {
        List<String> all = new ArrayList<>(DECODED.keySet());
        all.addAll(DEAD_LETTERS);
        return List.copyOf(all);
    }

    /** True for a dead-letter topic: its records are kept as they are and never dead-lettered again. */
    public static boolean isDeadLetterTopic(String topic) {
        return DEAD_LETTERS.contains(topic);
    }

    /** The serde that decodes and validates records of {@code topic}, or null when it has none. */
    static JsonSerde<?> serdeOf(String topic) {
        return DECODED.get(topic);
    }

    private static Map<String, JsonSerde<?>> decoded() {
        Map<String, JsonSerde<?>> serdes = new LinkedHashMap<>();
        for (TopicSpec<String, ?> topic : List.of(Topics.LEDGER_PAYMENTS, Topics.LEDGER_ENTRIES,
                Topics.LEDGER_USAGE_EVENTS, Topics.LEDGER_GUARD_VIOLATIONS, Topics.LEDGER_OPERATOR_ACTIONS,
                Topics.PAYMENTS_IPN,
                Topics.PAYMENTS_IPN_QUARANTINE)) {
            serdes.put(topic.name(), topic.valueSerde());
        }
        return Collections.unmodifiableMap(serdes);
    }

    private static Set<String> deadLetters() {
        Set<String> topics = new LinkedHashSet<>();
        Topics.all().forEach(topic -> topics.add(topic.deadLetterTopic()));
        topics.add(Topics.INTERNAL_DEAD_LETTERS);
        return Collections.unmodifiableSet(topics);
    }
}
