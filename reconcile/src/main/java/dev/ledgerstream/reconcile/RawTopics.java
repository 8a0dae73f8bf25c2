package dev.ledgerstream.reconcile;

import dev.ledgerstream.servicekit.kafka.KafkaClientSecurity;
import dev.ledgerstream.ledger.task.InputOrder;
import dev.ledgerstream.schemas.TopicSpec;
import dev.ledgerstream.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the raw topics for a replay, {@code read_committed}, up to the end offsets they had when the
 * read began, with a consumer that joins no group and commits nothing.
 *
 * <p>{@link #replay} delivers {@code payments.ipn.v1}, {@code usage.finalizations.v1} and
 * {@code operator.actions.v1} as one sequence in the order the community tasks apply them (ADR 0011,
 * 0015): a merge of all their partitions that keeps each partition's own order and always takes the
 * head that {@link InputOrder} puts first (the earliest broker append time; within a millisecond,
 * usage, then payments, then actions). Restricted to the co-partitioned partitions of one task this
 * is exactly the task's rule, and a community's records all sit in one such set, so each community's records come in the order its task applied
 * them. The order depends only on the topics' contents, so every replay of the same topics applies
 * the same events in the same order. Memory is bounded: a partition is
 * paused once it holds {@link #BUFFERED_PER_PARTITION} records, so it holds at most that plus one
 * poll's worth.
 */
final class RawTopics implements AutoCloseable {

    static final int BUFFERED_PER_PARTITION = 2_000;
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration SEEK_MARGIN = Duration.ofMinutes(1);
    private static final List<String> REPLAYED = Topics.communityInputs().stream().map(TopicSpec::name).toList();

    private final KafkaConsumer<byte[], byte[]> consumer;

    RawTopics(String bootstrapServers, KafkaClientSecurity security) {
        Properties config = new Properties();
        config.putAll(security.clientProperties());
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "ledgerstream-reconcile");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        this.consumer = new KafkaConsumer<>(config);
    }

    /**
     * Delivers every record of the replayed topics, from the beginning or, with {@code from},
     * from the first record whose Kafka timestamp is at or after a minute before it (the producer
     * stamps a record after the ingest API stamped {@code received_at}, so nothing received from
     * {@code from} on is before that; the caller drops what was received earlier), up to the end
     * offsets of now.
     *
     * @return how many records were delivered
     */
    long replay(Instant from, Consumer<RawEvent> into) {
        Map<TopicPartition, Long> ends = assign(REPLAYED, from == null ? null : from.minus(SEEK_MARGIN));
        Map<TopicPartition, ArrayDeque<RawEvent>> buffers = new HashMap<>();
        ends.keySet().forEach(partition -> buffers.put(partition, new ArrayDeque<>()));
        List<TopicPartition> open = new ArrayList<>(ends.keySet());
        Comparator<TopicPartition> byHead = Comparator.comparing(
                (TopicPartition partition) -> position(buffers.get(partition).peekFirst().record()), InputOrder.NEXT);
        long delivered = 0;
        while (true) {
            fill(open, buffers, ends);
            if (open.isEmpty()) {
                return delivered;
            }
            TopicPartition next = open.stream().min(byHead).orElseThrow();
            into.accept(buffers.get(next).pollFirst());
            delivered++;
            if (buffers.get(next).isEmpty() && consumer.position(next) >= ends.get(next)) {
                open.remove(next);
            }
        }
    }

    /**
     * Delivers every record of {@code topics}, partition after partition in offset order, up to the
     * end offsets of now: the records a rebuild copies as they are (quarantined notifications, dead
     * letters). Topics that do not exist are skipped.
     */
    long copy(List<String> topics, Consumer<ConsumerRecord<byte[], byte[]>> into) {
        Map<TopicPartition, Long> ends = assign(topics, null);
        long delivered = 0;
        while (ends.entrySet().stream().anyMatch(end -> consumer.position(end.getKey()) < end.getValue())) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                if (record.offset() < ends.get(partition)) {
                    into.accept(record);
                    delivered++;
                }
            }
        }
        return delivered;
    }

    /** Keeps a record in every open partition's buffer, or closes the partitions that have no more. */
    private void fill(List<TopicPartition> open, Map<TopicPartition, ArrayDeque<RawEvent>> buffers,
            Map<TopicPartition, Long> ends) {
        while (open.stream().anyMatch(partition -> buffers.get(partition).isEmpty())) {
            List<TopicPartition> starving = new ArrayList<>();
            for (TopicPartition partition : open) {
                if (buffers.get(partition).isEmpty() && consumer.position(partition) >= ends.get(partition)) {
                    starving.add(partition);
                }
            }
            open.removeAll(starving);
            if (open.stream().noneMatch(partition -> buffers.get(partition).isEmpty())) {
                return;
            }
            List<TopicPartition> full = open.stream()
                    .filter(partition -> buffers.get(partition).size() >= BUFFERED_PER_PARTITION).toList();
            consumer.pause(full);
            consumer.resume(open.stream().filter(partition -> !full.contains(partition)).toList());
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                if (record.offset() < ends.get(partition)) {
                    buffers.get(partition).addLast(decode(record));
                }
            }
        }
    }

    /** Assigns every partition of {@code topics}, positioned at the start or at {@code from}; returns their end offsets. */
    private Map<TopicPartition, Long> assign(List<String> topics, Instant from) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic);
            if (infos != null) {
                infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
            }
        }
        consumer.assign(partitions);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        if (from == null) {
            consumer.seekToBeginning(partitions);
        } else {
            Map<TopicPartition, Long> at = new HashMap<>();
            partitions.forEach(partition -> at.put(partition, from.toEpochMilli()));
            Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(at);
            partitions.forEach(partition -> {
                OffsetAndTimestamp offset = found.get(partition);
                consumer.seek(partition, offset == null ? ends.get(partition) : offset.offset());
            });
        }
        return ends;
    }

    /** Where a raw record stands in the community tasks' order. */
    static InputOrder.Position position(ConsumerRecord<?, ?> record) {
        InputOrder.Source source = record.topic().equals(Topics.PAYMENTS_IPN.name()) ? InputOrder.Source.PAYMENT
                : record.topic().equals(Topics.OPERATOR_ACTIONS.name()) ? InputOrder.Source.ACTION
                : InputOrder.Source.USAGE;
        return new InputOrder.Position(record.timestamp(), source, record.partition());
    }

    private static RawEvent decode(ConsumerRecord<byte[], byte[]> record) {
        try {
            if (record.topic().equals(Topics.PAYMENTS_IPN.name())) {
                return new RawEvent.Ipn(record, Topics.PAYMENTS_IPN.valueSerde().fromBytes(record.value()));
            }
            if (record.topic().equals(Topics.OPERATOR_ACTIONS.name())) {
                return new RawEvent.Action(record, Topics.OPERATOR_ACTIONS.valueSerde().fromBytes(record.value()));
            }
            return new RawEvent.Usage(record, Topics.USAGE_FINALIZATIONS.valueSerde().fromBytes(record.value()));
        } catch (RuntimeException e) {
            return new RawEvent.Unreadable(record, e.getMessage());
        }
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
