package dev.ledgerstream.bench;

import dev.ledgerstream.embedded.EmbeddedKafkaBroker;
import dev.ledgerstream.schemas.TopicProvisioning;
import dev.ledgerstream.schemas.Topics;
import dev.ledgerstream.schemas.ingest.IpnReceived;
import dev.ledgerstream.schemas.ingest.UsageFinalizationReceived;
import dev.ledgerstream.stream.LedgerSettings;
import dev.ledgerstream.stream.LedgerTopology;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * Records/s through the ledger topology on a real (embedded) broker for a usage-heavy mix, next
 * to a bare pass-through topology with the same guarantee (exactly_once_v2), the same broker, the
 * same input records and the same thread count, measured in the same run. The input is produced
 * before either application starts, so both read a backlog: the figure is processing throughput,
 * not ingest.
 *
 * <p>{@code java -cp bench/target/bench.jar -Dloader.main=dev.ledgerstream.bench.StreamBench
 * org.springframework.boot.loader.launch.PropertiesLauncher}.
 * Settings: {@code -Dbench.usage=100000 -Dbench.communities=1000 -Dbench.lots=1 -Dbench.warmup=50000}, and
 * {@code -Dbench.streams.<setting>=<value>} for any Streams setting of both applications.
 */
public final class StreamBench {

    private static final int PARTITIONS = 6;
    private static final String PASS_THROUGH_OUT = "bench.pass-through.v1";

    private StreamBench() {
    }

    public static void main(String[] args) throws Exception {
        int usage = Integer.getInteger("bench.usage", 100_000);
        int communities = Integer.getInteger("bench.communities", 1_000);
        int lots = Integer.getInteger("bench.lots", 1);
        int warmup = Integer.getInteger("bench.warmup", 50_000);
        Path work = Files.createTempDirectory("stream-bench");
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder(work.resolve("kafka")).build()) {
            broker.start();
            String bootstrap = broker.bootstrapServers();
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
                TopicProvisioning.ensure(admin, Topics.all());
                admin.createTopics(List.of(new NewTopic(PASS_THROUGH_OUT, Optional.of(PARTITIONS), Optional.empty())))
                        .all().get();
            }
            String ledgerId = "ledger-" + UUID.randomUUID();
            String passThroughId = "pass-through-" + UUID.randomUUID();
            // History and warm-up, not measured: each community buys lots-1 packs of 5 USD and spends each
            // one down (they close), then buys a 25 USD pack that stays open; a first backlog of usage
            // then warms both applications' code paths (the JIT is a large share of a cold run on 2 cores).
            String[] ids = communityIds(communities);
            producePayments(bootstrap, ids, lots);
            int history = produceExhaustingUsage(bootstrap, ids, lots - 1);
            produceUsage(bootstrap, ids, "warmup-", warmup, START.plusSeconds(3_600));
            run(bootstrap, passThrough(), passThroughId, work, PASS_THROUGH_OUT, history + warmup);
            run(bootstrap, ledger(bootstrap, work), ledgerId, work, Topics.LEDGER_USAGE_EVENTS.name(), history + warmup);
            System.err.printf(Locale.ROOT, "history: %d communities with %d lots each (%d closed, 1 open), %d usage"
                    + " events; warm-up: %d usage events%n", communities, lots, lots - 1, history, warmup);

            // Measured: a backlog of usage, produced while neither application runs, then each restarted on it.
            produceUsage(bootstrap, ids, "bench-", usage, START.plusSeconds(7_200));
            long before = offsetsWritten(bootstrap);
            Result reference = run(bootstrap, passThrough(), passThroughId, work, PASS_THROUGH_OUT, usage);
            long between = offsetsWritten(bootstrap);
            Result ledger = run(bootstrap, ledger(bootstrap, work), ledgerId, work,
                    Topics.LEDGER_USAGE_EVENTS.name(), usage);
            long after = offsetsWritten(bootstrap);

            System.out.println("| topology (exactly_once_v2, 1 stream thread, " + PARTITIONS
                    + " partitions) | usage events | wall time incl. start | records/s incl. start | records/s first→last output |");
            System.out.println("|---|---|---|---|---|");
            System.out.println(reference.row("bare pass-through (reference)", usage));
            System.out.println(ledger.row("ledger topology, " + lots + " lot(s) per community", usage));
            System.out.printf(Locale.ROOT, "%nledger / reference (first→last): %.2f%n",
                    ledger.rate(usage) / reference.rate(usage));
            System.out.printf(Locale.ROOT, "offsets written per usage event (records of every topic: outputs,"
                    + " changelogs, repartition, and the transactions' commit markers): reference %.2f, ledger %.2f%n",
                    (double) (between - before) / usage, (double) (after - between) / usage);
            System.out.println();
            System.out.println("machine: " + MachineFacts.cores() + " cores, " + MachineFacts.cpu() + ", load "
                    + MachineFacts.loadAverage() + ", " + System.getProperty("java.vm.name") + " "
                    + System.getProperty("java.version"));
        }
    }

    /** The elapsed times of one application working through the backlog. */
    private record Result(Duration total, Duration firstToLast) {

        double rate(int records) {
            return (records - 1) / seconds(firstToLast);
        }

        String row(String name, int records) {
            return String.format(Locale.ROOT, "| %s | %,d | %.1f s | %,.0f | %,.0f |", name, records,
                    total.toMillis() / 1000.0, records / seconds(total), (records - 1) / seconds(firstToLast));
        }

        private static double seconds(Duration duration) {
            return Math.max(duration.toMillis(), 1) / 1000.0;
        }
    }

    private static final Instant START = Instant.parse("2026-11-01T00:00:00Z");

    private static KafkaProducer<String, byte[]> producer(String bootstrap) {
        // One request in flight: the topics are new, see ReconcileBench (KAFKA-15591).
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 10,
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1),
                new StringSerializer(), new ByteArraySerializer());
    }

    private static String[] communityIds(int communities) {
        String[] ids = new String[communities];
        for (int c = 0; c < communities; c++) {
            ids[c] = new UUID(0x5eed, c).toString();
        }
        return ids;
    }

    /** Each community's lots-1 packs of 5 USD, then one of 25 USD: in that order, the debit order. */
    private static void producePayments(String bootstrap, String[] ids, int lots) throws Exception {
        try (KafkaProducer<String, byte[]> producer = producer(bootstrap)) {
            for (int l = 0; l < lots; l++) {
                for (int c = 0; c < ids.length; c++) {
                    long paymentId = 8_000_000L + (long) l * ids.length + c;
                    IpnReceived ipn = finished(paymentId, ids[c], l == lots - 1 ? "25" : "5", START.plusSeconds(l));
                    producer.send(new ProducerRecord<>(Topics.PAYMENTS_IPN.name(), ids[c],
                            Topics.PAYMENTS_IPN.valueSerde().toBytes(ipn)));
                }
            }
            producer.flush();
        }
    }

    /** One usage of exactly 5 USD per small pack of each community: each spends one pack to zero. */
    private static int produceExhaustingUsage(String bootstrap, String[] ids, int packs) {
        Instant at = START.plusSeconds(1_800);
        try (KafkaProducer<String, byte[]> producer = producer(bootstrap)) {
            for (int p = 0; p < packs; p++) {
                for (String community : ids) {
                    UsageFinalizationReceived event = new UsageFinalizationReceived("spend-" + p + "-" + community,
                            community, "cheap", null, 1, 1, 5_000_000, null, null, at, at, "bench");
                    producer.send(new ProducerRecord<>(Topics.USAGE_FINALIZATIONS.name(), community,
                            Topics.USAGE_FINALIZATIONS.valueSerde().toBytes(event)));
                }
            }
            producer.flush();
        }
        return packs * ids.length;
    }

    private static void produceUsage(String bootstrap, String[] ids, String prefix, int usage, Instant start) {
        int communities = ids.length;
        try (KafkaProducer<String, byte[]> producer = producer(bootstrap)) {
            String[] pools = {"cheap", "fast-code", "reviewer", "reasoning", "architect"};
            for (int u = 0; u < usage; u++) {
                String community = ids[u % communities];
                Instant at = start.plusMillis(u);
                UsageFinalizationReceived event = new UsageFinalizationReceived(prefix + u, community,
                        pools[u % pools.length], "nft-" + (u % 7), 1_200, 340, 1_000 + u % 5_000, null, null, at, at,
                        "bench");
                producer.send(new ProducerRecord<>(Topics.USAGE_FINALIZATIONS.name(), community,
                        Topics.USAGE_FINALIZATIONS.valueSerde().toBytes(event)));
            }
            producer.flush();
        }
    }

    private static IpnReceived finished(long paymentId, String community, String usd, Instant at) throws Exception {
        String canonical = "{\"order_id\":\"" + community + ":bench\",\"payment_id\":" + paymentId
                + ",\"payment_status\":\"finished\",\"price_amount\":" + usd + ",\"price_currency\":\"usd\"}";
        String eventId = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(canonical.getBytes(StandardCharsets.UTF_8)));
        return new IpnReceived(eventId, Long.toString(paymentId), "canonical", at, canonical);
    }

    private static StreamsBuilder passThrough() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(Topics.USAGE_FINALIZATIONS.name(), Consumed.with(Serdes.String(), Serdes.ByteArray())
                        .withName("bench-source"))
                .to(PASS_THROUGH_OUT, Produced.with(Serdes.String(), Serdes.ByteArray()).withName("bench-sink"));
        return builder;
    }

    private static StreamsBuilder ledger(String bootstrap, Path work) {
        StreamsBuilder builder = new StreamsBuilder();
        LedgerTopology.build(builder, settings(bootstrap, "unused", work), new SimpleMeterRegistry());
        return builder;
    }

    private static LedgerSettings settings(String bootstrap, String applicationId, Path work) {
        return new LedgerSettings(applicationId, bootstrap, PARTITIONS, 1, 0, 1,
                work.resolve("state-" + applicationId).toString(), null, Duration.ofMinutes(1), Duration.ofSeconds(1),
                LedgerSettings.DEFAULT_STATE_MEMORY_BYTES);
    }

    /** Starts the application on the backlog and waits until {@code expected} records are on {@code output}. */
    private static Result run(String bootstrap, StreamsBuilder builder, String applicationId, Path work, String output,
            int expected) throws Exception {
        Properties config = LedgerTopology.config(settings(bootstrap, applicationId, work), new SimpleMeterRegistry());
        config.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        // -Dbench.streams.<name>=<value> overrides a Streams setting of both applications, for experiments
        // such as -Dbench.streams.commit.interval.ms=500.
        System.getProperties().stringPropertyNames().stream().filter(name -> name.startsWith("bench.streams."))
                .forEach(name -> config.put(name.substring("bench.streams.".length()), System.getProperty(name)));
        long started = System.nanoTime();
        KafkaStreams streams = new KafkaStreams(builder.build(config), config);
        try (KafkaConsumer<byte[], byte[]> counter = counter(bootstrap, output)) {
            streams.start();
            long seen = 0;
            long first = 0;
            long last = 0;
            long deadline = started + Duration.ofMinutes(15).toNanos();
            while (seen < expected && System.nanoTime() < deadline) {
                ConsumerRecords<byte[], byte[]> records = counter.poll(Duration.ofMillis(100));
                if (!records.isEmpty()) {
                    long now = System.nanoTime();
                    first = seen == 0 ? now : first;
                    last = now;
                    seen += records.count();
                }
            }
            if (seen < expected) {
                throw new IllegalStateException(applicationId + " produced " + seen + " of " + expected + " records");
            }
            return new Result(Duration.ofNanos(last - started), Duration.ofNanos(last - first));
        } finally {
            // Leave the group, as the application does on shutdown: otherwise the next start of the
            // same application id waits out the old member's session timeout (45 s) before it gets work.
            streams.close(new KafkaStreams.CloseOptions().leaveGroup(true).timeout(Duration.ofSeconds(30)));
        }
    }

    /**
     * The sum of the end offsets of every partition of every topic on the broker: what an
     * application wrote between two calls, counted in offsets (records and commit markers).
     */
    private static long offsetsWritten(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(admin.listTopics().names().get()).allTopicNames().get().values()
                    .forEach(topic -> topic.partitions().forEach(partition -> latest.put(
                            new TopicPartition(topic.name(), partition.partition()), OffsetSpec.latest())));
            return admin.listOffsets(latest).all().get().values().stream()
                    .mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset).sum();
        }
    }

    private static KafkaConsumer<byte[], byte[]> counter(String bootstrap, String topic) {
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "bench-counter-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        // Only what the application writes in this run counts: start at the topic's current end.
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return consumer;
    }
}
