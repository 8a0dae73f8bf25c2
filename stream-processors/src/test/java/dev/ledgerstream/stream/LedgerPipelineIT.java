package dev.ledgerstream.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerstream.ledger.payment.IpnInputs;
import dev.ledgerstream.ledger.payment.PaymentDecider;
import dev.ledgerstream.ledger.replay.ReplayLedger;
import dev.ledgerstream.ledger.task.InputOrder;
import dev.ledgerstream.schemas.TopicProvisioning;
import dev.ledgerstream.schemas.TopicSpec;
import dev.ledgerstream.schemas.Topics;
import dev.ledgerstream.schemas.ingest.IpnReceived;
import dev.ledgerstream.schemas.ingest.UsageFinalizationReceived;
import dev.ledgerstream.schemas.ledger.GuardViolation;
import dev.ledgerstream.schemas.ledger.Invariant;
import dev.ledgerstream.schemas.ledger.LedgerEntry;
import dev.ledgerstream.schemas.ledger.LedgerRecord;
import dev.ledgerstream.schemas.ledger.PaymentOutcome;
import dev.ledgerstream.schemas.ledger.UsageRecorded;
import dev.ledgerstream.testsupport.KafkaServer;
import dev.ledgerstream.testsupport.TestServers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The topology on a real broker, in two JVMs sharing the application id (ADR 0011): 200 new
 * communities each funded by a {@code finished} notification and then, with no pause, used;
 * mixed with a seeded workload of payments through their statuses and a usage backlog with
 * duplicates and conflicting resends; one of the two Streams processes killed abruptly in the
 * middle, then the broker stopped for eight seconds under the other. Then every such usage is
 * funded, and the output topics, read with read_committed, hold record for record what
 * {@link ReplayLedger} writes when it is fed the raw topics in {@link InputOrder}: the replay's
 * rule is the live order.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class LedgerPipelineIT {

    private static final Duration PATIENCE = Duration.ofMinutes(3);
    private static final int FRESH_COMMUNITIES = 200;
    private static final long PACK_MICRO = 10_500_000L;
    private static final long FIRST_USE_MICRO = 1_000_000L;

    @TempDir
    Path work;

    private final KafkaServer kafka = TestServers.kafka();

    @Test
    void usage_sent_right_after_its_funding_is_funded_and_the_output_is_the_replay_of_the_raw_topics()
            throws Exception {
        // given the topics, a background workload and 200 communities that will buy, then spend at once
        try (Admin admin = Admin.create(kafka.clientConfig())) {
            TopicProvisioning.ensure(admin, Topics.all());
        }
        Workload workload = new Workload(42, 400, 6_000);
        List<String> fresh = new ArrayList<>();
        for (int c = 0; c < FRESH_COMMUNITIES; c++) {
            fresh.add(UUID.randomUUID().toString());
        }
        Set<String> communities = new HashSet<>(workload.communities);
        communities.addAll(fresh);
        Path log = work.resolve("streams.log");
        String applicationId = "ledger-it-" + UUID.randomUUID();

        try (KafkaProducer<String, byte[]> producer = producer()) {
            // when two instances share the work while everything arrives, and one of them is killed
            StreamsProcess first = StreamsProcess.start(kafka.bootstrapServers(), applicationId,
                    work.resolve("state-1"), log);
            try (StreamsProcess second = StreamsProcess.start(kafka.bootstrapServers(), applicationId,
                    work.resolve("state-2"), log)) {
                send(producer, workload.ipns, Topics.PAYMENTS_IPN, TestEvents::key);
                CompletableFuture<Void> buyers = CompletableFuture.runAsync(() -> buyThenSpend(producer, fresh));
                int half = workload.usages.size() / 2;
                send(producer, workload.usages.subList(0, half), Topics.USAGE_FINALIZATIONS,
                        UsageFinalizationReceived::communityId);
                awaitCount(Topics.LEDGER_USAGE_EVENTS, record -> communities.contains(record.key()), 500, log);
                first.kill();
                // and then the broker goes away for eight seconds under the survivor and the buyers
                if (kafka.canRestart()) {
                    kafka.stop();
                    TimeUnit.SECONDS.sleep(8);
                    kafka.start();
                }
                List<UsageFinalizationReceived> rest = new ArrayList<>(workload.usages.subList(half,
                        workload.usages.size()));
                // More than any community has: recorded with its shortfall as unfunded (I-12), in the same order.
                rest.add(TestEvents.usage("overspend", workload.communities.get(0), "architect", 1_000_000_000_000L,
                        Instant.now()));
                send(producer, rest, Topics.USAGE_FINALIZATIONS, UsageFinalizationReceived::communityId);
                buyers.get();

                List<LedgerRecord> expected = replayOfRawTopics(communities);
                awaitCount(Topics.LEDGER_USAGE_EVENTS, record -> communities.contains(record.key()),
                        only(expected, UsageRecorded.class).size(), log);
                assertThat(second.isAlive()).as("surviving Streams process, " + log).isTrue();

                // then every usage sent right after its funding was debited against that payment's lot
                List<UsageRecorded> usages = readAll(Topics.LEDGER_USAGE_EVENTS,
                        record -> communities.contains(record.communityId()));
                List<UsageRecorded> firstUses = usages.stream().filter(usage -> fresh.contains(usage.communityId()))
                        .toList();
                assertThat(firstUses).hasSize(FRESH_COMMUNITIES).allSatisfy(usage -> {
                    assertThat(usage.unfundedMicro()).as(usage.communityId()).isZero();
                    assertThat(usage.debits()).singleElement().satisfies(debit -> assertThat(debit.amountMicro())
                            .isEqualTo(FIRST_USE_MICRO));
                });
                List<GuardViolation> violations = readAll(Topics.LEDGER_GUARD_VIOLATIONS,
                        violation -> communities.contains(violation.communityId()));
                assertThat(violations).filteredOn(violation -> fresh.contains(violation.communityId())).isEmpty();
                // and the live output is, record for record, the replay of the raw topics in the task's order (I-14)
                Set<String> payments = new HashSet<>();
                only(expected, PaymentOutcome.class).forEach(outcome -> payments.add(outcome.paymentId()));
                assertThat(new HashSet<>(readAll(Topics.LEDGER_PAYMENTS, outcome -> payments.contains(outcome.paymentId()))))
                        .isEqualTo(new HashSet<>(only(expected, PaymentOutcome.class)));
                assertThat(new HashSet<>(readAll(Topics.LEDGER_ENTRIES, entry -> communities.contains(entry.communityId()))))
                        .isEqualTo(new HashSet<>(only(expected, LedgerEntry.class)));
                assertThat(new HashSet<>(usages)).isEqualTo(new HashSet<>(only(expected, UsageRecorded.class)));
                assertThat(new HashSet<>(violations)).isEqualTo(new HashSet<>(only(expected, GuardViolation.class)));
                assertThat(only(expected, GuardViolation.class)).extracting(GuardViolation::invariant)
                        .contains(Invariant.I_6, Invariant.I_12);
            }
        }
    }

    /**
     * Each new community buys a 10 USD pack; as soon as the notification is acknowledged, and its
     * append millisecond has passed (what the ingest API waits for before its 200), it spends.
     */
    private static void buyThenSpend(KafkaProducer<String, byte[]> producer, List<String> communities) {
        try {
            for (int c = 0; c < communities.size(); c++) {
                String community = communities.get(c);
                Instant now = Instant.now();
                IpnReceived ipn = TestEvents.finished(7_000_000L + c, "10", community, now);
                RecordMetadata acked = producer.send(new ProducerRecord<>(Topics.PAYMENTS_IPN.name(),
                        TestEvents.key(ipn), Topics.PAYMENTS_IPN.valueSerde().toBytes(ipn))).get();
                while (System.currentTimeMillis() <= acked.timestamp()) {
                    LockSupport.parkNanos(100_000);
                }
                UsageFinalizationReceived usage = TestEvents.usage("first-use-" + c, community, "cheap",
                        FIRST_USE_MICRO, Instant.now());
                producer.send(new ProducerRecord<>(Topics.USAGE_FINALIZATIONS.name(), community,
                        Topics.USAGE_FINALIZATIONS.valueSerde().toBytes(usage)));
            }
            producer.flush();
        } catch (Exception e) {
            throw new IllegalStateException("buying and spending failed", e);
        }
    }

    /** What the replay writes for these communities' raw records, read back with their broker timestamps. */
    private List<LedgerRecord> replayOfRawTopics(Set<String> communities) {
        List<List<ConsumerRecord<String, byte[]>>> partitions = new ArrayList<>();
        for (TopicSpec<String, ?> topic : List.of(Topics.PAYMENTS_IPN, Topics.USAGE_FINALIZATIONS)) {
            Map<Integer, List<ConsumerRecord<String, byte[]>>> byPartition = new HashMap<>();
            readRaw(topic.name(), record -> {
                if (communities.contains(record.key())) {
                    byPartition.computeIfAbsent(record.partition(), p -> new ArrayList<>()).add(record);
                }
            });
            partitions.addAll(byPartition.values());
        }
        ReplayLedger model = new ReplayLedger(PaymentDecider.withoutLotTtl());
        List<LedgerRecord> expected = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : InputOrder.merge(partitions, LedgerPipelineIT::position)) {
            if (record.topic().equals(Topics.PAYMENTS_IPN.name())) {
                expected.addAll(model.onIpn(IpnInputs.from(Topics.PAYMENTS_IPN.valueSerde().fromBytes(record.value()))));
            } else {
                expected.addAll(model.onUsage(Topics.USAGE_FINALIZATIONS.valueSerde().fromBytes(record.value())));
            }
        }
        return expected;
    }

    private static InputOrder.Position position(ConsumerRecord<String, byte[]> record) {
        return new InputOrder.Position(record.timestamp(), record.topic().equals(Topics.PAYMENTS_IPN.name())
                ? InputOrder.Source.PAYMENT : InputOrder.Source.USAGE, record.partition());
    }

    @Test
    void ten_restarts_under_load_one_of_them_a_kill_write_the_replay_of_the_raw_topics_once() throws Exception {
        // given a workload that keeps arriving for about twenty seconds
        try (Admin admin = Admin.create(kafka.clientConfig())) {
            TopicProvisioning.ensure(admin, Topics.all());
        }
        Workload workload = new Workload(43, 200, 3_000);
        Set<String> communities = new HashSet<>(workload.communities);
        Path log = work.resolve("streams-restarts.log");
        String applicationId = "ledger-restarts-" + UUID.randomUUID();
        Path state = work.resolve("state-restarts");
        try (KafkaProducer<String, byte[]> producer = producer()) {
            send(producer, workload.ipns, Topics.PAYMENTS_IPN, TestEvents::key);
            CompletableFuture<Void> usage = CompletableFuture.runAsync(() -> {
                int chunk = workload.usages.size() / 20;
                try {
                    for (int i = 0; i < workload.usages.size(); i += chunk) {
                        send(producer, workload.usages.subList(i, Math.min(workload.usages.size(), i + chunk)),
                                Topics.USAGE_FINALIZATIONS, UsageFinalizationReceived::communityId);
                        TimeUnit.SECONDS.sleep(1);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException("sending the usage failed", e);
                }
            });

            // when the stream processors are restarted ten times on the same state: nine stops (SIGTERM,
            // what a deployment does) and one SIGKILL (whose group member then lingers until its session
            // times out, 45 s, which is why there is only one here; the first test kills under load too)
            for (int restart = 0; restart < 10; restart++) {
                StreamsProcess streams = StreamsProcess.start(kafka.bootstrapServers(), applicationId, state, log);
                TimeUnit.SECONDS.sleep(4);
                if (restart == 4) {
                    streams.kill();
                } else {
                    streams.close();
                }
            }
            usage.get();
            List<LedgerRecord> expected = replayOfRawTopics(communities);
            try (StreamsProcess last = StreamsProcess.start(kafka.bootstrapServers(), applicationId, state, log)) {
                awaitCount(Topics.LEDGER_USAGE_EVENTS, record -> communities.contains(record.key()),
                        only(expected, UsageRecorded.class).size(), log);

                // then the output is, record for record and each record once, the replay of the raw topics
                List<UsageRecorded> usages = readAll(Topics.LEDGER_USAGE_EVENTS,
                        record -> communities.contains(record.communityId()));
                List<LedgerEntry> entries = readAll(Topics.LEDGER_ENTRIES,
                        entry -> communities.contains(entry.communityId()));
                assertThat(usages).hasSize(only(expected, UsageRecorded.class).size());
                assertThat(new HashSet<>(usages)).isEqualTo(new HashSet<>(only(expected, UsageRecorded.class)));
                assertThat(entries).hasSize(only(expected, LedgerEntry.class).size());
                assertThat(new HashSet<>(entries)).isEqualTo(new HashSet<>(only(expected, LedgerEntry.class)));
                Set<String> payments = new HashSet<>();
                only(expected, PaymentOutcome.class).forEach(outcome -> payments.add(outcome.paymentId()));
                List<PaymentOutcome> outcomes = readAll(Topics.LEDGER_PAYMENTS,
                        outcome -> payments.contains(outcome.paymentId()));
                assertThat(outcomes).hasSize(only(expected, PaymentOutcome.class).size());
                assertThat(new HashSet<>(outcomes)).isEqualTo(new HashSet<>(only(expected, PaymentOutcome.class)));
                assertThat(last.isAlive()).as(log.toString()).isTrue();
            }
        }
    }

    @Test
    void a_poison_record_is_dead_lettered_with_its_bytes_and_the_reason() throws Exception {
        // given
        try (Admin admin = Admin.create(kafka.clientConfig())) {
            TopicProvisioning.ensure(admin, Topics.all());
        }
        byte[] poison = ("{\"marker\":\"" + UUID.randomUUID() + "\"}").getBytes(StandardCharsets.UTF_8);
        Path log = work.resolve("streams-dlq.log");
        try (StreamsProcess streams = StreamsProcess.start(kafka.bootstrapServers(), "ledger-dlq-" + UUID.randomUUID(),
                work.resolve("state-dlq"), log);
                KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(kafka.clientConfig(), new ByteArraySerializer(),
                        new ByteArraySerializer())) {
            // when
            raw.send(new ProducerRecord<>(Topics.USAGE_FINALIZATIONS.name(), "k".getBytes(StandardCharsets.UTF_8),
                    poison)).get();
            // then
            ConsumerRecord<byte[], byte[]> dead = awaitBytes(Topics.USAGE_FINALIZATIONS.deadLetterTopic(), poison, log);
            assertThat(header(dead, "dlq.reason")).startsWith("deserialization: ");
            assertThat(header(dead, "dlq.source.topic")).isEqualTo(Topics.USAGE_FINALIZATIONS.name());
            assertThat(new String(dead.key(), StandardCharsets.UTF_8)).isEqualTo("k");
            assertThat(streams.isAlive()).isTrue();
        }
    }

    private KafkaProducer<String, byte[]> producer() {
        Map<String, Object> config = new HashMap<>(kafka.clientConfig());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    private static <V> void send(KafkaProducer<String, byte[]> producer, List<V> values, TopicSpec<String, V> topic,
            Function<V, String> key) throws Exception {
        for (V value : values) {
            producer.send(new ProducerRecord<>(topic.name(), key.apply(value), topic.valueSerde().toBytes(value)));
        }
        producer.flush();
    }

    /** Every record of {@code topic} that matches, read from the beginning up to the current end. */
    private <V> List<V> readAll(TopicSpec<String, V> topic, Predicate<? super V> wanted) {
        List<V> values = new ArrayList<>();
        try (KafkaConsumer<String, V> consumer = consumer(topic)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))
                    && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (wanted.test(record.value())) {
                        values.add(record.value());
                    }
                });
            }
        }
        return values;
    }

    /** Every record of a raw topic, read with read_committed from the beginning up to the current end. */
    private void readRaw(String topic, java.util.function.Consumer<ConsumerRecord<String, byte[]>> into) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConfig(), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))
                    && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(into);
            }
        }
    }

    private <V> void awaitCount(TopicSpec<String, V> topic, Predicate<? super V> wanted, long expected, Path log) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        long seen = 0;
        try (KafkaConsumer<String, V> consumer = consumer(topic)) {
            consumer.subscribe(List.of(topic.name()));
            while (seen < expected && System.nanoTime() < deadline) {
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    seen += wanted.test(record.value()) ? 1 : 0;
                }
            }
        }
        assertThat(seen).as(topic.name() + " records within " + PATIENCE + "; streams log: " + tail(log))
                .isGreaterThanOrEqualTo(expected);
    }

    private ConsumerRecord<byte[], byte[]> awaitBytes(String topic, byte[] value, Path log) throws Exception {
        Map<String, Object> config = consumerConfig();
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (java.util.Arrays.equals(record.value(), value)) {
                        return record;
                    }
                }
            }
        }
        throw new AssertionError("no dead letter on " + topic + "; streams log: " + tail(log));
    }

    private <V> KafkaConsumer<String, V> consumer(TopicSpec<String, V> topic) {
        return new KafkaConsumer<>(consumerConfig(), new StringDeserializer(), topic.valueSerde().deserializer());
    }

    private Map<String, Object> consumerConfig() {
        Map<String, Object> config = new HashMap<>(kafka.clientConfig());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000);
        return config;
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (Exception e) {
            return "(no log: " + e + ")";
        }
    }

    private static <T> List<T> only(List<LedgerRecord> records, Class<T> type) {
        return records.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
