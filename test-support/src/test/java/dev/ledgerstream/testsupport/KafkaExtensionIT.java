package dev.ledgerstream.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@WithKafka
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class KafkaExtensionIT {

    @Test
    void gives_a_broker_that_takes_and_returns_records(KafkaServer kafka) throws Exception {
        // given
        String topic = "test.roundtrip." + UUID.randomUUID();
        kafka.createTopic(topic, 2);

        // when
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig(kafka))) {
            producer.send(new ProducerRecord<>(topic, "k1", "first")).get(30, TimeUnit.SECONDS);
            producer.send(new ProducerRecord<>(topic, "k2", "second")).get(30, TimeUnit.SECONDS);
        }

        // then
        assertThat(consume(kafka, topic, 2)).containsExactlyInAnyOrder("first", "second");
    }

    @Test
    void accepts_a_topic_declared_twice(KafkaServer kafka) {
        // given
        String topic = "test.twice." + UUID.randomUUID();
        kafka.createTopic(topic, 1);

        // when
        kafka.createTopic(topic, 3);

        // then
        assertThat(kafka.isRunning()).isTrue();
    }

    @Test
    void comes_back_on_the_same_address_with_its_records_after_an_outage(KafkaServer kafka) throws Exception {
        // given
        assumeTrue(kafka.canRestart(), "only the embedded broker can be stopped");
        String topic = "test.outage." + UUID.randomUUID();
        kafka.createTopic(topic, 1);
        String address = kafka.bootstrapServers();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig(kafka))) {
            producer.send(new ProducerRecord<>(topic, "k", "before")).get(30, TimeUnit.SECONDS);

            // when
            kafka.stop();
            kafka.start();
            producer.send(new ProducerRecord<>(topic, "k", "after")).get(30, TimeUnit.SECONDS);
        }

        // then
        assertThat(kafka.bootstrapServers()).isEqualTo(address);
        assertThat(consume(kafka, topic, 2)).containsExactly("before", "after");
    }

    @Test
    void is_the_same_broker_for_every_class_of_the_jvm(KafkaServer kafka) {
        // when
        ServerSightings.saw(kafka);

        // then
        assertThat(kafka).isSameAs(TestServers.kafka());
        assertThat(ServerSightings.distinctKafkaServers()).hasSize(1);
    }

    static Map<String, Object> producerConfig(KafkaServer kafka) {
        Map<String, Object> config = new HashMap<>(kafka.clientConfig());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        return config;
    }

    static List<String> consume(KafkaServer kafka, String topic, int expected) {
        Map<String, Object> config = new HashMap<>(kafka.clientConfig());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> values.add(record.value()));
            }
        }
        return values;
    }
}
