package dev.ledgerstream.admin.actions;

import dev.ledgerstream.schemas.Topics;
import dev.ledgerstream.schemas.ingest.OperatorAction;
import dev.ledgerstream.servicekit.kafka.KafkaClientSecurity;
import dev.ledgerstream.servicekit.kafka.TransactionalProducers;
import dev.ledgerstream.servicekit.web.ApiProblem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts an operator's action on {@code operator.actions.v1} and returns once the broker acknowledged
 * it (acks=all, idempotent producer); anything else within the bound is a 503 with Retry-After. A
 * retry after an ambiguous failure is safe: the same idempotency key is the same action id, which
 * the ledger applies once.
 *
 * <p>The charging mode of every community is written once to each partition, all copies in one
 * transaction (ADR 0018): each community task meets it in its own partition's order, and no task
 * can see it while another never will.
 */
public final class ActionPublisher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ActionPublisher.class);

    /** A transaction the admin API left open when it died is aborted by the broker after this long. */
    private static final Duration TRANSACTION_TIMEOUT = Duration.ofSeconds(10);

    private final Producer<String, byte[]> producer;
    private final TransactionalProducers everyPartition;
    private final Duration ackTimeout;
    private final Duration retryAfter;

    ActionPublisher(Producer<String, byte[]> producer, TransactionalProducers everyPartition, Duration ackTimeout,
            Duration retryAfter) {
        this.producer = producer;
        this.everyPartition = everyPartition;
        this.ackTimeout = ackTimeout;
        this.retryAfter = retryAfter;
    }

    /**
     * A publisher with its own producer for {@code bootstrapServers}, logging in as {@code security}
     * says; no broker is contacted until the first send.
     */
    public static ActionPublisher create(String bootstrapServers, KafkaClientSecurity security, Duration ackTimeout,
            Duration retryAfter) {
        Map<String, Object> config = new HashMap<>(security.clientProperties());
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "ledgerstream-admin-api-actions");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.max(1_000, ackTimeout.toMillis()));
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(1_000, ackTimeout.toMillis()));
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Math.max(1_000, ackTimeout.toMillis()));
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        TransactionalProducers everyPartition = new TransactionalProducers(1, TransactionalProducers.factory(config,
                "ledgerstream-admin-api-" + UUID.randomUUID(), TRANSACTION_TIMEOUT,
                Duration.ofMillis(Math.max(1_000, ackTimeout.toMillis()))));
        return new ActionPublisher(new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer()),
                everyPartition, ackTimeout, retryAfter);
    }

    /**
     * Sends {@code action} to every partition of the topic, keyed {@link OperatorAction#GLOBAL}, in
     * one transaction, and waits for the commit: each community task then applies it in its own
     * order (the charging mode of every community, ADR 0018).
     */
    void publishToEveryPartition(OperatorAction action) {
        byte[] value = Topics.OPERATOR_ACTIONS.valueSerde().toBytes(action);
        List<ProducerRecord<String, byte[]>> copies = new ArrayList<>();
        try {
            for (PartitionInfo partition : producer.partitionsFor(Topics.OPERATOR_ACTIONS.name())) {
                copies.add(new ProducerRecord<>(Topics.OPERATOR_ACTIONS.name(), partition.partition(),
                        OperatorAction.GLOBAL, value));
            }
        } catch (KafkaException e) {
            throw unavailable("Kafka did not say how many partitions " + Topics.OPERATOR_ACTIONS.name() + " has", e);
        }
        try {
            everyPartition.sendInOneTransaction(copies, ackTimeout);
        } catch (TransactionalProducers.NotSent e) {
            throw unavailable(e.getMessage(), e.getCause());
        }
    }

    /** Sends {@code action} under {@code key} (what it touches: community, or its payment's key) and waits for the ack. */
    void publish(String key, OperatorAction action) {
        byte[] value = Topics.OPERATOR_ACTIONS.valueSerde().toBytes(action);
        try {
            producer.send(new ProducerRecord<>(Topics.OPERATOR_ACTIONS.name(), key, value))
                    .get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("interrupted while waiting for Kafka", e);
        } catch (ExecutionException e) {
            throw unavailable("Kafka did not acknowledge the action", e.getCause());
        } catch (TimeoutException e) {
            throw unavailable("Kafka did not acknowledge the action within " + ackTimeout.toMillis() + " ms", e);
        } catch (KafkaException e) {
            throw unavailable("Kafka refused the action", e);
        }
    }

    private ApiProblem unavailable(String why, Throwable cause) {
        log.warn("{}; answering 503 so that the operator retries with the same idempotency key: {}", why,
                String.valueOf(cause));
        return ApiProblem.unavailable("kafka-unavailable",
                "the action could not be recorded right now; retry later with the same idempotency_key", retryAfter);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
        everyPartition.close();
    }
}
