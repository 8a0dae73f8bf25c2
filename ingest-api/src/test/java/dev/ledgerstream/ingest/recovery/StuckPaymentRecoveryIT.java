package dev.ledgerstream.ingest.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ledgerstream.ingest.ops.IngestMetrics;
import dev.ledgerstream.ingest.payment.IpnIntake;
import dev.ledgerstream.servicekit.kafka.TransactionalProducers;
import dev.ledgerstream.ingest.publish.EventPublisher;
import dev.ledgerstream.schemas.PaymentStatus;
import dev.ledgerstream.schemas.TopicProvisioning;
import dev.ledgerstream.schemas.Topics;
import dev.ledgerstream.schemas.ingest.IpnReceived;
import dev.ledgerstream.schemas.ledger.PaymentOutcome;
import dev.ledgerstream.schemas.ledger.TransitionOutcome;
import dev.ledgerstream.sink.schema.LedgerMigrations;
import dev.ledgerstream.sink.write.DatabaseSettings;
import dev.ledgerstream.sink.write.LedgerWriter;
import dev.ledgerstream.sink.write.SinkRecord;
import dev.ledgerstream.testsupport.TestDatabase;
import dev.ledgerstream.testsupport.TestServers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * The stuck-payment recovery against real servers: payments in flight written to a real PostgreSQL
 * ledger by the sink's writer, a real HTTP server playing the provider's status API (with slow,
 * failing and lying answers), and a real broker. What it puts on {@code payments.ipn.v1} is read back.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class StuckPaymentRecoveryIT {

    private static final String KEY = "test-api-key-NOT-A-SECRET";
    private static final String COMMUNITY = UUID.randomUUID().toString();
    private static final String OTHER = UUID.randomUUID().toString();
    private static final long FIRST = ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_000_000_000L);
    private static final Instant NOW = Instant.now();

    /** What the provider plays for each payment: its answer, by payment id. */
    private static final Map<String, Provider> PLAYS = new ConcurrentHashMap<>();
    private static final Map<String, Integer> ASKED = new ConcurrentHashMap<>();

    private enum Provider { FINISHED, STILL_WAITING, SLOW, FAILING, NOT_JSON, OTHER_PAYMENT, OTHER_COMMUNITY }

    private TestDatabase database;
    private static HttpServer provider;
    private static Producer<String, byte[]> producer;
    private static TransactionalProducers batches;
    private static final SimpleMeterRegistry REGISTRY = new SimpleMeterRegistry();

    /** Each test has a ledger of its own, so that a run sees only that test's payments in flight. */
    @BeforeEach
    void ledger() {
        database = TestServers.postgres().newDatabase("recovery");
        LedgerMigrations.migrate(owner(), 0, Duration.ofSeconds(1));
    }

    private DatabaseSettings owner() {
        return new DatabaseSettings(database.jdbcUrl(), database.user(), database.password(), Duration.ofSeconds(5),
                Duration.ofSeconds(30));
    }

    @BeforeAll
    static void servers() throws Exception {
        try (Admin admin = Admin.create(TestServers.kafka().clientConfig())) {
            TopicProvisioning.ensure(admin, Topics.all());
        }
        provider = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        provider.setExecutor(Executors.newCachedThreadPool());
        provider.createContext("/v1/payment/", StuckPaymentRecoveryIT::answer);
        provider.start();
        Map<String, Object> config = new HashMap<>(TestServers.kafka().clientConfig());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        batches = new TransactionalProducers(1, index -> {
            Map<String, Object> transactional = new HashMap<>(config);
            transactional.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "recovery-it-" + UUID.randomUUID());
            return new KafkaProducer<>(transactional, new StringSerializer(), new ByteArraySerializer());
        });
    }

    @AfterAll
    static void stop() {
        provider.stop(0);
        producer.close();
        batches.close();
    }

    private static void answer(HttpExchange exchange) throws IOException {
        String id = exchange.getRequestURI().getPath().substring("/v1/payment/".length());
        ASKED.merge(id, 1, Integer::sum);
        if (!KEY.equals(exchange.getRequestHeaders().getFirst("x-api-key"))) {
            reply(exchange, 401, "{\"message\":\"Invalid api key\"}");
            return;
        }
        Provider play = PLAYS.get(id);
        String community = play == Provider.OTHER_COMMUNITY ? OTHER : COMMUNITY;
        String answeredId = play == Provider.OTHER_PAYMENT ? Long.toString(FIRST + 99) : id;
        String status = play == Provider.STILL_WAITING ? "waiting" : "finished";
        String body = "{\"payment_id\":" + answeredId + ",\"payment_status\":\"" + status + "\",\"pay_address\":\"addr\","
                + "\"price_amount\":10,\"price_currency\":\"usd\",\"pay_amount\":0.0004,\"actually_paid\":0.0004,"
                + "\"actually_paid_at_fiat\":10,\"pay_currency\":\"btc\",\"order_id\":\"" + community + ":pack\","
                + "\"created_at\":\"2026-12-01T10:00:00.000Z\",\"updated_at\":\"2026-12-01T10:30:00.000Z\"}";
        switch (play == null ? Provider.FAILING : play) {
            case SLOW -> {
                sleep(Duration.ofSeconds(3));
                reply(exchange, 200, body);
            }
            case FAILING -> reply(exchange, 500, "{\"message\":\"internal\"}");
            case NOT_JSON -> reply(exchange, 200, "<html>maintenance</html>");
            default -> reply(exchange, 200, body);
        }
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The ledger records {@code payment} as {@code status}, last moved {@code ago}. */
    private void recorded(String payment, PaymentStatus status, Duration ago) throws Exception {
        String eventId = sha256(payment + status);
        PaymentOutcome outcome = new PaymentOutcome("payment:" + payment + ":" + eventId + ":accepted", payment, eventId,
                COMMUNITY, status, null, TransitionOutcome.ACCEPTED, null, null, 0, "10", "usd", COMMUNITY + ":pack",
                NOW.minus(ago));
        try (LedgerWriter writer = new LedgerWriter(owner(), "recovery-it", Clock.systemUTC())) {
            SinkRecord record = new SinkRecord(Topics.LEDGER_PAYMENTS.name(), 0, ThreadLocalRandom.current().nextLong(
                    1, Long.MAX_VALUE), NOW.toEpochMilli(), payment.getBytes(StandardCharsets.UTF_8),
                    Topics.valueBytes(outcome), List.of());
            assertThat(writer.write(List.of(record), LedgerWriter.BeforeCommit.NOTHING).rejects()).isEmpty();
        }
    }

    private StuckPaymentRecovery recovery(String apiKey) {
        PaymentsInFlight inFlight = new PaymentsInFlight(database.jdbcUrl(), database.user(), database.password(),
                "ledger_platform_reader", Duration.ofSeconds(5));
        EventPublisher publisher = new EventPublisher(producer, batches, Duration.ofSeconds(5), Duration.ofSeconds(1));
        return new StuckPaymentRecovery(inFlight, new PaymentStatusApi(URI.create("http://127.0.0.1:"
                + provider.getAddress().getPort()), apiKey, Duration.ofSeconds(1)),
                new IpnIntake(publisher, new IngestMetrics(REGISTRY)), Clock.systemUTC(),
                new StuckPaymentRecovery.Settings(Duration.ofMinutes(5), Duration.ofMinutes(20), 100), REGISTRY);
    }

    @Test
    void a_payment_stuck_in_flight_is_asked_about_and_only_a_true_new_status_is_recorded() throws Exception {
        // given payments in flight for an hour, and one that moved a minute ago
        Map<Provider, String> ids = new HashMap<>();
        long next = FIRST;
        for (Provider play : Provider.values()) {
            String id = Long.toString(next++);
            ids.put(play, id);
            PLAYS.put(id, play);
            recorded(id, PaymentStatus.WAITING, Duration.ofHours(1));
        }
        String recent = Long.toString(next);
        PLAYS.put(recent, Provider.FINISHED);
        recorded(recent, PaymentStatus.CONFIRMING, Duration.ofMinutes(1));

        // when
        Map<StuckPaymentRecovery.Result, Integer> results = recovery(KEY).runOnce();

        // then
        assertThat(results).containsOnly(entry(StuckPaymentRecovery.Result.PUBLISHED, 1),
                entry(StuckPaymentRecovery.Result.UNCHANGED, 1), entry(StuckPaymentRecovery.Result.MISMATCHED, 2),
                entry(StuckPaymentRecovery.Result.FAILED, 3));
        assertThat(ASKED).doesNotContainKey(recent);
        List<ConsumerRecord<String, IpnReceived>> published = ofOurs(readAll());
        assertThat(published).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo(COMMUNITY);
            assertThat(record.value().paymentId()).isEqualTo(ids.get(Provider.FINISHED));
            assertThat(record.value().signatureForm()).isEqualTo("status_api");
            assertThat(record.value().canonical()).contains("\"payment_status\":\"finished\"");
        });
        assertThat(REGISTRY.counter("ingest.payment.polls", "result", "published").count()).isEqualTo(1.0);
    }

    @Test
    void the_same_answer_twice_is_the_same_event_and_a_wrong_key_records_nothing() throws Exception {
        // given
        String id = Long.toString(FIRST + 50);
        PLAYS.put(id, Provider.FINISHED);
        recorded(id, PaymentStatus.CONFIRMED, Duration.ofHours(2));

        // when: asked twice (the ledger has not caught up in between), and once with a wrong key
        recovery(KEY).runOnce();
        recovery(KEY).runOnce();
        Map<StuckPaymentRecovery.Result, Integer> refused = recovery("wrong-key").runOnce();

        // then: one event id, twice on the topic, which the ledger treats as one notification redelivered
        List<ConsumerRecord<String, IpnReceived>> records = readAll().stream()
                .filter(record -> record.value().paymentId().equals(id)).toList();
        assertThat(records).hasSize(2);
        assertThat(records.get(0).value().eventId()).isEqualTo(records.get(1).value().eventId());
        assertThat(refused).containsOnly(entry(StuckPaymentRecovery.Result.FAILED, 1));
    }

    private static List<ConsumerRecord<String, IpnReceived>> ofOurs(List<ConsumerRecord<String, IpnReceived>> records) {
        return records.stream().filter(record -> {
            long id = Long.parseLong(record.value().paymentId());
            return id >= FIRST && id < FIRST + Provider.values().length + 1;
        }).toList();
    }

    /** Every record of {@code payments.ipn.v1}, read_committed, up to its end offsets now. */
    private static List<ConsumerRecord<String, IpnReceived>> readAll() {
        Properties config = new Properties();
        config.putAll(TestServers.kafka().clientConfig());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<String, IpnReceived>> all = new ArrayList<>();
        try (KafkaConsumer<String, IpnReceived> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                Topics.PAYMENTS_IPN.valueSerde().deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.PAYMENTS_IPN.name()).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p)) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(all::add);
            }
        }
        return all;
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
