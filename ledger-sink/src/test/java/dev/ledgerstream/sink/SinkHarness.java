package dev.ledgerstream.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerstream.schemas.TopicProvisioning;
import dev.ledgerstream.schemas.TopicSpec;
import dev.ledgerstream.schemas.Topics;
import dev.ledgerstream.schemas.ingest.IpnReceived;
import dev.ledgerstream.schemas.ledger.LedgerRecord;
import dev.ledgerstream.sink.consume.LedgerSink;
import dev.ledgerstream.sink.consume.SinkHooks;
import dev.ledgerstream.sink.consume.SinkSettings;
import dev.ledgerstream.sink.write.SinkTopics;
import dev.ledgerstream.testsupport.KafkaServer;
import dev.ledgerstream.testsupport.TestServers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The shared broker with the catalog's topics, a producer that plays the stream processors, and a
 * consumer group of the test's own that starts at the current end of every topic the sink reads:
 * test classes share the topics, so a sink sees only the records its own test produced.
 */
final class SinkHarness implements AutoCloseable {

    private final KafkaServer kafka = TestServers.kafka();
    private final KafkaProducer<String, byte[]> producer;
    private final String groupId = "sink-it-" + UUID.randomUUID();
    private final List<LedgerSink> sinks = new ArrayList<>();

    SinkHarness() throws Exception {
        try (Admin admin = Admin.create(kafka.clientConfig())) {
            TopicProvisioning.ensure(admin, Topics.all());
            startGroupAtTheEnd(admin);
        }
        Map<String, Object> config = new HashMap<>(kafka.clientConfig());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    /** Settings for a sink of this test's group, with short retries. */
    SinkSettings settings() {
        return SinkSettings.defaults(kafka.bootstrapServers(), groupId)
                .withRetryBackoff(Duration.ofMillis(100), Duration.ofSeconds(1));
    }

    /** A started sink writing to {@code ledger}; stopped when the harness closes. */
    LedgerSink start(LedgerDatabase ledger, SinkSettings settings, SimpleMeterRegistry registry, SinkHooks hooks) {
        LedgerSink sink = new LedgerSink(settings, ledger.settings(), registry, Clock.systemUTC(), hooks);
        sinks.add(sink);
        sink.start();
        return sink;
    }

    KafkaServer kafka() {
        return kafka;
    }

    /** Produces ledger records to their topics, keyed as the stream processors key them. */
    void send(List<? extends LedgerRecord> records) {
        for (LedgerRecord record : records) {
            producer.send(new ProducerRecord<>(Topics.of(record).name(), record.key(), Topics.valueBytes(record)));
        }
        producer.flush();
    }

    /** Produces notifications to {@code payments.ipn.v1}, keyed by payment id as the sink reads them. */
    void sendIpns(List<IpnReceived> ipns) {
        for (IpnReceived ipn : ipns) {
            send(Topics.PAYMENTS_IPN, ipn.paymentId(), ipn);
        }
    }

    /**
     * Produces {@code records} in {@code chunks} parts, {@code pause} apart, on {@code executor}:
     * a workload that keeps arriving while a test does something to the sink.
     */
    Future<?> sendInChunks(ExecutorService executor, List<LedgerRecord> records, int chunks, Duration pause) {
        return executor.submit(() -> {
            int size = (records.size() + chunks - 1) / chunks;
            for (int i = 0; i < records.size(); i += size) {
                send(records.subList(i, Math.min(records.size(), i + size)));
                TimeUnit.MILLISECONDS.sleep(pause.toMillis());
            }
            return null;
        });
    }

    <V> void send(TopicSpec<String, V> topic, String key, V value) {
        producer.send(new ProducerRecord<>(topic.name(), key, topic.valueSerde().toBytes(value)));
    }

    void sendRaw(String topic, String key, byte[] value) throws Exception {
        producer.send(new ProducerRecord<>(topic, key, value)).get();
    }

    void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        sinks.forEach(LedgerSink::stop);
        producer.close();
    }

    /** Waits until {@code condition} holds, polling; fails with {@code what} after {@code patience}. */
    static void await(String what, Duration patience, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + patience.toNanos();
        while (!condition.call()) {
            assertThat(System.nanoTime()).as("waited " + patience + " for " + what).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private void startGroupAtTheEnd(Admin admin) throws InterruptedException, ExecutionException {
        Map<String, TopicDescription> topics = admin.describeTopics(SinkTopics.subscribed()).allTopicNames().get();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        topics.values().forEach(topic -> topic.partitions().forEach(partition ->
                latest.put(new TopicPartition(topic.name(), partition.partition()), OffsetSpec.latest())));
        Map<TopicPartition, OffsetAndMetadata> ends = new HashMap<>();
        admin.listOffsets(latest).all().get().forEach((partition, end) ->
                ends.put(partition, new OffsetAndMetadata(end.offset())));
        admin.alterConsumerGroupOffsets(groupId, ends).all().get();
    }
}
