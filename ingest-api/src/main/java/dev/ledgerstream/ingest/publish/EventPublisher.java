package dev.ledgerstream.ingest.publish;

import dev.ledgerstream.servicekit.kafka.TransactionalProducers;
import dev.ledgerstream.servicekit.web.ApiProblem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts records on Kafka and returns only once the broker acknowledged every one of them
 * (acks=all). One record goes through the idempotent producer; several (a usage batch) go in one
 * transaction of a {@link TransactionalProducers} producer, so that readers ({@code read_committed}) see
 * all of them or none (ADR 0013). Any failure within the bound becomes a 503 with Retry-After, so
 * the sender retries; a retried record is deduplicated downstream by its identity (event_id,
 * finalization_id), which is what makes a retry after an ambiguous failure safe.
 */
public class EventPublisher {

    private static final Logger log = LoggerFactory.getLogger(EventPublisher.class);

    private final Producer<String, byte[]> producer;
    private final TransactionalProducers batchProducers;
    private final Duration ackTimeout;
    private final Duration retryAfter;

    public EventPublisher(Producer<String, byte[]> producer, TransactionalProducers batchProducers, Duration ackTimeout,
            Duration retryAfter) {
        this.producer = producer;
        this.batchProducers = batchProducers;
        this.ackTimeout = ackTimeout;
        this.retryAfter = retryAfter;
    }

    /**
     * Sends all records, atomically when there are several, and waits for their
     * acknowledgements; throws a 503 {@link ApiProblem}. Returns each record's metadata, in order;
     * on a topic with broker timestamps ({@code LogAppendTime}) its timestamp is when the broker
     * appended it.
     */
    public List<RecordMetadata> publish(List<ProducerRecord<String, byte[]>> records) {
        return records.size() == 1 ? publishOne(records) : publishInOneTransaction(records);
    }

    /** The batch in one transaction: committed whole, or aborted (nothing of it becomes visible) and answered 503. */
    private List<RecordMetadata> publishInOneTransaction(List<ProducerRecord<String, byte[]>> records) {
        try {
            return batchProducers.sendInOneTransaction(records, ackTimeout);
        } catch (TransactionalProducers.NotSent e) {
            throw unavailable(e.getMessage(), e.getCause());
        }
    }

    private List<RecordMetadata> publishOne(List<ProducerRecord<String, byte[]>> records) {
        long deadline = System.nanoTime() + ackTimeout.toNanos();
        List<Future<RecordMetadata>> acks = new ArrayList<>(records.size());
        List<RecordMetadata> acknowledged = new ArrayList<>(records.size());
        try {
            for (ProducerRecord<String, byte[]> record : records) {
                acks.add(producer.send(record));
            }
            for (Future<RecordMetadata> ack : acks) {
                acknowledged.add(ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            }
            return acknowledged;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("interrupted while waiting for Kafka", e);
        } catch (ExecutionException e) {
            throw unavailable("Kafka did not acknowledge the record", e.getCause());
        } catch (TimeoutException e) {
            throw unavailable("Kafka did not acknowledge the record within " + ackTimeout.toMillis() + " ms", e);
        } catch (KafkaException e) {
            throw unavailable("Kafka refused the record", e);
        }
    }

    private ApiProblem unavailable(String why, Throwable cause) {
        log.warn("{}; answering 503 so that the sender retries{}", why, cause == null ? "" : ": " + cause);
        return ApiProblem.unavailable("kafka-unavailable", "the event could not be stored right now; retry later",
                retryAfter);
    }
}
