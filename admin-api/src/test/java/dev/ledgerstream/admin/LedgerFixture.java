package dev.ledgerstream.admin;

import dev.ledgerstream.schemas.DeadLetterHeaders;
import dev.ledgerstream.schemas.TopicProvisioning;
import dev.ledgerstream.schemas.TopicSpec;
import dev.ledgerstream.schemas.Topics;
import dev.ledgerstream.schemas.ingest.IpnQuarantined;
import dev.ledgerstream.schemas.ledger.ActionOutcome;
import dev.ledgerstream.schemas.ledger.GuardViolation;
import dev.ledgerstream.schemas.ledger.LedgerEntry;
import dev.ledgerstream.schemas.ledger.LedgerRecord;
import dev.ledgerstream.schemas.ledger.PaymentOutcome;
import dev.ledgerstream.schemas.ledger.UsageRecorded;
import dev.ledgerstream.sink.consume.LedgerSink;
import dev.ledgerstream.sink.consume.SinkHooks;
import dev.ledgerstream.sink.consume.SinkSettings;
import dev.ledgerstream.sink.schema.LedgerMigrations;
import dev.ledgerstream.sink.write.DatabaseSettings;
import dev.ledgerstream.sink.write.SinkTopics;
import dev.ledgerstream.testsupport.KafkaServer;
import dev.ledgerstream.testsupport.TestDatabase;
import dev.ledgerstream.testsupport.TestServers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The scenario's ledger database, shared by every admin API test of the JVM: a fresh database
 * migrated by the sink's own migrations, filled by the real {@link LedgerSink} from the records of
 * {@link LedgerScenario} produced to the real ledger topics (plus one quarantined IPN and one dead
 * letter), and a login for the admin API that is a plain member of {@code ledger_reader}: neither
 * superuser, owner nor BYPASSRLS, as in production.
 */
final class LedgerFixture {

    /** The admin API's login in the tests; roles are per server, so it is created once and reused. */
    static final String API_LOGIN = "admin_api_it";
    static final String API_PASSWORD = "admin-api-it-NOT-A-SECRET";

    private static LedgerFixture shared;

    private final TestDatabase database;

    private LedgerFixture(TestDatabase database) {
        this.database = database;
    }

    /** The loaded fixture; the first call builds it (about 10 s). */
    static synchronized LedgerFixture shared() {
        if (shared == null) {
            try {
                shared = load();
            } catch (Exception e) {
                throw new IllegalStateException("could not load the ledger scenario", e);
            }
        }
        return shared;
    }

    String jdbcUrl() {
        return database.jdbcUrl();
    }

    /** A connection as the test server's login (the migration login; a superuser in embedded mode). */
    Connection connectAsOwnerLogin() throws SQLException {
        return database.connect();
    }

    /** Runs a query as {@code ledger_platform} (which sees every tenant) and returns its first column as a long. */
    long platformLong(String sql) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute("SET ROLE ledger_platform");
            try (ResultSet rows = statement.executeQuery(sql)) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** Runs a query as {@code ledger_platform} and returns its first two columns as a map. */
    Map<String, String> platformRows(String sql) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute("SET ROLE ledger_platform");
            Map<String, String> rows = new LinkedHashMap<>();
            try (ResultSet result = statement.executeQuery(sql)) {
                while (result.next()) {
                    rows.put(result.getString(1), result.getString(2));
                }
            }
            return rows;
        }
    }

    private static LedgerFixture load() throws Exception {
        TestDatabase database = TestServers.postgres().newDatabase("admin");
        DatabaseSettings owner = new DatabaseSettings(database.jdbcUrl(), database.user(), database.password(),
                Duration.ofSeconds(5), Duration.ofSeconds(60));
        LedgerMigrations.migrate(owner, 0, Duration.ofSeconds(1));
        createApiLogin(database);
        LedgerFixture fixture = new LedgerFixture(database);
        List<LedgerRecord> records = LedgerScenario.records();
        KafkaServer kafka = TestServers.kafka();
        String group = "admin-api-it-" + UUID.randomUUID();
        try (Admin admin = Admin.create(kafka.clientConfig())) {
            TopicProvisioning.ensure(admin, Topics.all());
            startGroupAtTheEnd(admin, group);
        }
        LedgerSink sink = new LedgerSink(SinkSettings.defaults(kafka.bootstrapServers(), group)
                .withRetryBackoff(Duration.ofMillis(100), Duration.ofSeconds(1)), owner, new SimpleMeterRegistry(),
                Clock.systemUTC(), SinkHooks.NONE);
        sink.start();
        try (KafkaProducer<String, byte[]> producer = producer(kafka)) {
            for (LedgerRecord record : records) {
                send(producer, record);
            }
            send(producer, Topics.PAYMENTS_IPN_QUARANTINE, "4242", new IpnQuarantined(LedgerScenario.quarantinedEventId(),
                    "4242", "unknown_status: teleported", LedgerScenario.ago(LedgerScenario.days(4)),
                    "{\"order_id\":\"x\",\"payment_id\":4242,\"payment_status\":\"teleported\"}"));
            producer.send(deadLetter()).get();
            producer.flush();
            fixture.awaitRows(expectedRows(records), Duration.ofSeconds(60));
        } finally {
            sink.stop();
        }
        return fixture;
    }

    /** What the sink must have written for the scenario, per table. */
    private static Map<String, Long> expectedRows(List<LedgerRecord> records) {
        Map<String, Long> rows = new LinkedHashMap<>();
        rows.put("ledger.lot_entries", records.stream().filter(LedgerEntry.class::isInstance).count());
        rows.put("ledger.usage_events", records.stream().filter(UsageRecorded.class::isInstance).count());
        rows.put("ledger.crypto_payment_outcomes", records.stream().filter(PaymentOutcome.class::isInstance).count());
        rows.put("ledger.guard_violations", records.stream().filter(GuardViolation.class::isInstance).count());
        rows.put("ledger.operator_actions", records.stream().filter(ActionOutcome.class::isInstance).count());
        rows.put("ledger.webhook_events", 1L);
        rows.put("ledger.dead_letters", 1L);
        return rows;
    }

    private void awaitRows(Map<String, Long> expected, Duration patience) throws Exception {
        long deadline = System.nanoTime() + patience.toNanos();
        Map<String, Long> actual = new LinkedHashMap<>();
        while (true) {
            for (String table : expected.keySet()) {
                actual.put(table, platformLong("SELECT count(*) FROM " + table));
            }
            if (actual.equals(expected)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the sink wrote " + actual + ", expected " + expected);
            }
            Thread.sleep(100);
        }
    }

    /** A login that may only act as ledger_reader; created where missing, its password reset every run. */
    static void createApiLogin(TestDatabase database) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute("""
                    DO $$
                    BEGIN
                        IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = '%1$s') THEN
                            CREATE ROLE %1$s LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS NOINHERIT;
                        END IF;
                    EXCEPTION WHEN duplicate_object OR unique_violation THEN
                        NULL;
                    END
                    $$""".formatted(API_LOGIN));
            statement.execute("ALTER ROLE " + API_LOGIN + " PASSWORD '" + API_PASSWORD + "'");
            statement.execute("GRANT ledger_reader TO " + API_LOGIN);
            statement.execute("GRANT CONNECT ON DATABASE \"" + connection.getCatalog() + "\" TO " + API_LOGIN);
        }
    }

    private static KafkaProducer<String, byte[]> producer(KafkaServer kafka) {
        Map<String, Object> config = new HashMap<>(kafka.clientConfig());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    private static void send(KafkaProducer<String, byte[]> producer, LedgerRecord record) {
        producer.send(new ProducerRecord<>(Topics.of(record).name(), record.key(), Topics.valueBytes(record)));
    }

    private static <V> void send(KafkaProducer<String, byte[]> producer, TopicSpec<String, V> topic, String key,
            V value) {
        producer.send(new ProducerRecord<>(topic.name(), key, topic.valueSerde().toBytes(value)));
    }

    /** A usage record the stream processors could not parse, as their dead-letter handler writes it (ADR 0003). */
    private static ProducerRecord<String, byte[]> deadLetter() {
        String topic = Topics.USAGE_FINALIZATIONS.deadLetterTopic();
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, null,
                LedgerScenario.ago(LedgerScenario.days(3)).toEpochMilli(), LedgerScenario.COMMUNITY_A,
                "{not json".getBytes(StandardCharsets.UTF_8));
        record.headers().add(new RecordHeader(DeadLetterHeaders.REASON, bytes("deserialization: not valid JSON")));
        record.headers().add(new RecordHeader(DeadLetterHeaders.SOURCE_TOPIC, bytes(Topics.USAGE_FINALIZATIONS.name())));
        record.headers().add(new RecordHeader(DeadLetterHeaders.SOURCE_PARTITION, bytes("2")));
        record.headers().add(new RecordHeader(DeadLetterHeaders.SOURCE_OFFSET, bytes("17")));
        record.headers().add(new RecordHeader(DeadLetterHeaders.EXCEPTION, bytes("JsonParseException")));
        return record;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void startGroupAtTheEnd(Admin admin, String group) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(SinkTopics.subscribed()).allTopicNames().get().values().forEach(topic ->
                topic.partitions().forEach(partition ->
                        latest.put(new TopicPartition(topic.name(), partition.partition()), OffsetSpec.latest())));
        Map<TopicPartition, OffsetAndMetadata> ends = new HashMap<>();
        admin.listOffsets(latest).all().get().forEach((partition, end) ->
                ends.put(partition, new OffsetAndMetadata(end.offset())));
        admin.alterConsumerGroupOffsets(group, ends).all().get();
    }
}
