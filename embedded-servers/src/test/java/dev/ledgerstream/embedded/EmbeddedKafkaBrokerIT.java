package dev.ledgerstream.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class EmbeddedKafkaBrokerIT {

    private static final Duration POLL_LIMIT = Duration.ofSeconds(30);

    @TempDir
    Path dataDirectory;

    private final List<EmbeddedKafkaBroker> brokers = new ArrayList<>();

    @AfterEach
    void stopBrokers() {
        brokers.forEach(EmbeddedKafkaBroker::close);
    }

    @Test
    void keeps_topics_and_records_across_a_restart_on_the_same_folder_and_port() throws Exception {
        // given
        EmbeddedKafkaBroker broker = started(EmbeddedKafkaBroker.builder(dataDirectory).build());
        String bootstrapServers = broker.bootstrapServers();
        broker.createTopics(List.of(new NewTopic("ledger.restart.v1", 2, (short) 1)));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig(bootstrapServers, Map.of()))) {
            producer.send(new ProducerRecord<>("ledger.restart.v1", "a", "before-1")).get(30, TimeUnit.SECONDS);
            producer.send(new ProducerRecord<>("ledger.restart.v1", "b", "before-2")).get(30, TimeUnit.SECONDS);

            // when
            broker.stop();
            broker.start();
            producer.send(new ProducerRecord<>("ledger.restart.v1", "c", "after-restart")).get(30, TimeUnit.SECONDS);
        }

        // then
        assertThat(broker.bootstrapServers()).isEqualTo(bootstrapServers);
        assertThat(consumeAll(bootstrapServers, "ledger.restart.v1", 3, "read_uncommitted"))
                .containsExactlyInAnyOrder("before-1", "before-2", "after-restart");
    }

    @Test
    void shows_read_committed_consumers_only_committed_transactions() throws Exception {
        // given
        EmbeddedKafkaBroker broker = started(EmbeddedKafkaBroker.builder(dataDirectory).build());
        broker.createTopics(List.of(new NewTopic("ledger.transactions.v1", 1, (short) 1)));
        Map<String, Object> transactional = Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "tx-" + UUID.randomUUID());

        // when
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig(broker.bootstrapServers(), transactional))) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("ledger.transactions.v1", "k", "committed-1"));
            producer.send(new ProducerRecord<>("ledger.transactions.v1", "k", "committed-2"));
            producer.commitTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("ledger.transactions.v1", "k", "aborted"));
            producer.flush();
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("ledger.transactions.v1", "k", "committed-3"));
            producer.commitTransaction();
        }

        // then
        assertThat(consumeAll(broker.bootstrapServers(), "ledger.transactions.v1", 3, "read_committed"))
                .containsExactly("committed-1", "committed-2", "committed-3");
    }

    @Test
    void reopens_a_data_directory_left_by_another_broker_instance_on_other_ports() throws Exception {
        // given
        EmbeddedKafkaBroker first = started(EmbeddedKafkaBroker.builder(dataDirectory).build());
        first.createTopics(List.of(new NewTopic("ledger.reopen.v1", 1, (short) 1)));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig(first.bootstrapServers(), Map.of()))) {
            producer.send(new ProducerRecord<>("ledger.reopen.v1", "k", "kept")).get(30, TimeUnit.SECONDS);
        }
        first.stop();

        // when
        EmbeddedKafkaBroker second = started(EmbeddedKafkaBroker.builder(dataDirectory)
                .brokerPort(LoopbackPorts.pickFree())
                .build());

        // then
        assertThat(second.bootstrapServers()).isNotEqualTo(first.bootstrapServers());
        assertThat(consumeAll(second.bootstrapServers(), "ledger.reopen.v1", 1, "read_uncommitted")).containsExactly("kept");
    }

    @Test
    void listens_on_the_loopback_address_only() {
        // given
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder(dataDirectory).build();

        // when
        started(broker);

        // then
        assertThat(broker.bootstrapServers()).startsWith("127.0.0.1:");
        assertThat(broker.isRunning()).isTrue();
    }

    private EmbeddedKafkaBroker started(EmbeddedKafkaBroker broker) {
        brokers.add(broker);
        broker.start();
        return broker;
    }

    private static Map<String, Object> producerConfig(String bootstrapServers, Map<String, Object> extra) {
        Map<String, Object> config = new HashMap<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
        config.putAll(extra);
        return config;
    }

    private static List<String> consumeAll(String bootstrapServers, String topic, int expected, String isolation) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + POLL_LIMIT.toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
            // One more short poll shows that nothing unexpected (an aborted record) follows.
            consumer.poll(Duration.ofMillis(300)).forEach(record -> values.add(record.value()));
        }
        return values;
    }
}
