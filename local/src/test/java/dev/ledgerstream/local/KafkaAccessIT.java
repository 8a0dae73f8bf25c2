package dev.ledgerstream.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ledgerstream.embedded.EmbeddedKafkaBroker;
import dev.ledgerstream.reconcile.Quiescence;
import dev.ledgerstream.schemas.TopicProvisioning;
import dev.ledgerstream.schemas.Topics;
import dev.ledgerstream.schemas.ingest.UsageFinalizationReceived;
import dev.ledgerstream.servicekit.kafka.KafkaClientSecurity;
import dev.ledgerstream.stream.LedgerSettings;
import dev.ledgerstream.stream.LedgerTopology;
import dev.ledgerstream.testsupport.KafkaAcls;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deployments' Kafka grants ({@code deploy/kafka/acls.csv}) on a broker that enforces them, as
 * docker compose and MSK do: each service logs in with SCRAM as its own principal
 * ({@link KafkaClientSecurity}, the clients' one reading of the settings) and can do its work, the
 * real ledger topology included, and nothing outside it; a client without a login gets nothing.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class KafkaAccessIT {

    private static final String PROVISIONER = "provisioner";
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    static Path work;

    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void a_broker_with_the_deployments_logins_and_grants() throws Exception {
        broker = EmbeddedKafkaBroker.builder(work.resolve("kafka")).withSaslLogins(PROVISIONER, secret(PROVISIONER))
                .build();
        broker.start();
        List<AclBinding> grants = KafkaAcls.read(KafkaAcls.directory().resolve("acls.csv"));
        try (Admin admin = Admin.create(provisioner())) {
            TopicProvisioning.ensure(admin, Topics.all());
            List<UserScramCredentialUpsertion> logins = new ArrayList<>();
            for (String principal : KafkaAcls.principals(grants)) {
                logins.add(new UserScramCredentialUpsertion(principal,
                        new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), secret(principal)));
            }
            admin.alterUserScramCredentials(new ArrayList<>(logins)).all().get(30, TimeUnit.SECONDS);
            admin.createAcls(grants).all().get(30, TimeUnit.SECONDS);
        }
        // A login is usable once the broker has applied the controller's record of it.
        for (String principal : KafkaAcls.principals(grants)) {
            awaitLogin(principal);
        }
        assertThat(KafkaAcls.principals(grants)).containsExactlyInAnyOrder("ingest-api", "stream-processors",
                "ledger-sink", "admin-api", "operator");
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void the_ingest_api_writes_the_raw_topics_it_feeds_in_its_own_transactions_and_nothing_else() throws Exception {
        try (KafkaProducer<String, String> ingest = producer("ingest-api", "ingest-api-" + UUID.randomUUID() + "-0")) {
            // when
            ingest.initTransactions();
            ingest.beginTransaction();
            ingest.send(new ProducerRecord<>(Topics.USAGE_FINALIZATIONS.name(), "k", "{}"));
            ingest.send(new ProducerRecord<>(Topics.PAYMENTS_IPN_QUARANTINE.name(), "k", "{}"));
            ingest.commitTransaction();
        }

        // then
        assertRefused("ingest-api", Topics.LEDGER_ENTRIES.name());
        assertRefused("ingest-api", Topics.OPERATOR_ACTIONS.name());
        assertThatThrownBy(() -> {
            try (KafkaProducer<String, String> posing = producer("ingest-api", "ledgerstream-admin-api-x")) {
                posing.initTransactions();
            }
        }).isInstanceOf(TransactionalIdAuthorizationException.class);
    }

    @Test
    void the_admin_api_writes_operator_actions_only() throws Exception {
        try (KafkaProducer<String, String> admin = producer("admin-api", "ledgerstream-admin-api-" + UUID.randomUUID())) {
            admin.initTransactions();
            admin.beginTransaction();
            admin.send(new ProducerRecord<>(Topics.OPERATOR_ACTIONS.name(), "k", "{}"));
            admin.commitTransaction();
        }
        assertRefused("admin-api", Topics.PAYMENTS_IPN.name());
        assertRefused("admin-api", Topics.LEDGER_OPERATOR_ACTIONS.name());
    }

    @Test
    void the_sink_writes_only_dead_letters_and_the_stream_processors_and_the_operator_write_no_raw_topic()
            throws Exception {
        send("ledger-sink", Topics.LEDGER_ENTRIES.deadLetterTopic());
        assertRefused("ledger-sink", Topics.LEDGER_ENTRIES.name());
        assertRefused("ledger-sink", Topics.PAYMENTS_IPN.name());
        assertRefused("stream-processors", Topics.OPERATOR_ACTIONS.name());
        assertRefused("stream-processors", Topics.PAYMENTS_IPN.name());
        assertRefused("operator", Topics.PAYMENTS_IPN.name());
        assertRefused("operator", Topics.LEDGER_ENTRIES.name());
    }

    @Test
    void the_ledger_topology_runs_as_its_principal_and_the_sink_and_the_operator_read_what_they_need() throws Exception {
        // given a usage event the ingest API accepted
        String community = UUID.randomUUID().toString();
        Instant now = Instant.now();
        UsageFinalizationReceived usage = new UsageFinalizationReceived("access-" + community, community, "cheap",
                "nft-1", 10, 5, 1_000, null, null, now, now, "test");
        try (KafkaProducer<String, byte[]> ingest = new KafkaProducer<>(login("ingest-api", Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers())), new StringSerializer(),
                new org.apache.kafka.common.serialization.ByteArraySerializer())) {
            ingest.send(new ProducerRecord<>(Topics.USAGE_FINALIZATIONS.name(), community,
                    Topics.USAGE_FINALIZATIONS.valueSerde().toBytes(usage))).get(30, TimeUnit.SECONDS);
        }

        // when the stream processors run with their own login (internal topics, transactions, group)
        LedgerSettings settings = new LedgerSettings(Quiescence.STREAMS_GROUP, broker.bootstrapServers(),
                Topics.USAGE_FINALIZATIONS.partitions(), 1, 0, 1, work.resolve("streams").toString(), null,
                Duration.ofMinutes(1), Duration.ofMillis(100), LedgerSettings.DEFAULT_STATE_MEMORY_BYTES);
        StreamsBuilder builder = new StreamsBuilder();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        LedgerTopology.build(builder, settings, registry);
        Properties config = LedgerTopology.config(settings, registry);
        config.putAll(security("stream-processors").clientProperties());
        List<String> recorded = new ArrayList<>();
        try (KafkaStreams streams = new KafkaStreams(builder.build(config), config);
                KafkaConsumer<String, String> sink = new KafkaConsumer<>(login("ledger-sink", Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG, Quiescence.SINK_GROUP,
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")),
                        new StringDeserializer(), new StringDeserializer())) {
            streams.start();
            sink.subscribe(List.of(Topics.LEDGER_PAYMENTS.name(), Topics.LEDGER_ENTRIES.name(),
                    Topics.LEDGER_USAGE_EVENTS.name(), Topics.LEDGER_GUARD_VIOLATIONS.name(),
                    Topics.LEDGER_OPERATOR_ACTIONS.name()));
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            boolean drained = false;
            while (!(drained && !recorded.isEmpty()) && System.nanoTime() < deadline) {
                var records = sink.poll(Duration.ofMillis(500));
                for (ConsumerRecord<String, String> record : records) {
                    if (record.value().contains(usage.finalizationId())
                            && record.topic().equals(Topics.LEDGER_USAGE_EVENTS.name())) {
                        recorded.add(record.value());
                    }
                }
                sink.commitSync();
                drained = records.isEmpty();
                assertThat(streams.state()).isNotIn(KafkaStreams.State.ERROR, KafkaStreams.State.PENDING_ERROR);
            }

            // then the usage is in the ledger, and the operator sees both groups' positions
            assertThat(recorded).singleElement().asString().contains("\"unfunded_micro\":1000");
            Quiescence.Lag lag = Quiescence.await(broker.bootstrapServers(), security("operator"),
                    Quiescence.STREAMS_GROUP, Quiescence.SINK_GROUP, PATIENCE);
            assertThat(lag).isEqualTo(new Quiescence.Lag(0, 0));
            streams.close(Duration.ofSeconds(30));
        }
        try (KafkaConsumer<String, String> operator = new KafkaConsumer<>(login("operator", Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers())), new StringDeserializer(),
                new StringDeserializer())) {
            List<org.apache.kafka.common.TopicPartition> raw = operator.partitionsFor(Topics.USAGE_FINALIZATIONS.name())
                    .stream().map(info -> new org.apache.kafka.common.TopicPartition(info.topic(), info.partition()))
                    .toList();
            assertThat(operator.endOffsets(raw).values().stream().mapToLong(Long::longValue).sum()).isPositive();
        }
        try (KafkaConsumer<String, String> posing = new KafkaConsumer<>(login("ledger-sink", Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, Quiescence.STREAMS_GROUP)), new StringDeserializer(),
                new StringDeserializer())) {
            posing.subscribe(List.of(Topics.LEDGER_USAGE_EVENTS.name()));
            assertThatThrownBy(() -> posing.poll(Duration.ofSeconds(10))).isInstanceOf(GroupAuthorizationException.class);
        }
    }

    @Test
    void a_client_without_a_login_or_with_a_wrong_password_gets_nothing() {
        Map<String, Object> wrong = KafkaClientSecurity.of(Map.of(KafkaClientSecurity.PROTOCOL, "SASL_PLAINTEXT",
                KafkaClientSecurity.USERNAME, "ingest-api", KafkaClientSecurity.PASSWORD, "guessed")::get)
                .addTo(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                        ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000));
        try (KafkaProducer<String, String> guessing = new KafkaProducer<>(wrong, new StringSerializer(),
                new StringSerializer())) {
            assertThatThrownBy(() -> guessing.send(new ProducerRecord<>(Topics.PAYMENTS_IPN.name(), "k", "{}"))
                    .get(30, TimeUnit.SECONDS)).hasRootCauseInstanceOf(SaslAuthenticationException.class);
        }
        try (Admin anonymous = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                5_000))) {
            assertThatThrownBy(() -> anonymous.listTopics().names().get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class);
        }
    }

    private static void awaitLogin(String principal) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            try (Admin admin = Admin.create(login(principal, Map.of(
                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                    5_000)))) {
                admin.describeCluster().clusterId().get(10, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(principal + " cannot log in", e);
                }
                TimeUnit.MILLISECONDS.sleep(200);
            }
        }
    }

    private static void send(String principal, String topic) throws Exception {
        try (KafkaProducer<String, String> producer = producer(principal, null)) {
            producer.send(new ProducerRecord<>(topic, "k", "{}")).get(30, TimeUnit.SECONDS);
        }
    }

    private static void assertRefused(String principal, String topic) {
        assertThatThrownBy(() -> send(principal, topic)).as(principal + " writing " + topic)
                .hasCauseInstanceOf(AuthorizationException.class);
    }

    private static KafkaProducer<String, String> producer(String principal, String transactionalId) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 20_000);
        if (transactionalId != null) {
            config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        }
        return new KafkaProducer<>(login(principal, config), new StringSerializer(), new StringSerializer());
    }

    private static Map<String, Object> login(String principal, Map<String, Object> config) {
        return security(principal).addTo(config);
    }

    /** A service's settings as its deployment gives them (compose: SASL_PLAINTEXT; MSK: SASL_SSL). */
    private static KafkaClientSecurity security(String principal) {
        return KafkaClientSecurity.of(Map.of(KafkaClientSecurity.PROTOCOL, "SASL_PLAINTEXT",
                KafkaClientSecurity.USERNAME, principal, KafkaClientSecurity.PASSWORD, secret(principal))::get);
    }

    private static Map<String, Object> provisioner() {
        return Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT",
                SaslConfigs.SASL_MECHANISM, "PLAIN",
                SaslConfigs.SASL_JAAS_CONFIG, "org.apache.kafka.common.security.plain.PlainLoginModule required "
                        + "username=\"" + PROVISIONER + "\" password=\"" + secret(PROVISIONER) + "\";");
    }

    private static String secret(String principal) {
        return principal + "-password";
    }
}
