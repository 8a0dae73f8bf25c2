package dev.ledgerstream.ingest.publish;

import dev.ledgerstream.ingest.web.ApiProblem;
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
 * (acks=all, idempotent producer). Any failure within the bound becomes a 503 with Retry-After,
 * so the sender retries; a retried record is deduplicated downstream by its identity (event_id,
 * finalization_id), which is what makes a retry after an ambiguous failure safe.
 */
public class EventPublisher {

    private static final Logger log = LoggerFactory.getLogger(EventPublisher.class);

    private final Producer<String, byte[]> producer;
    private final Duration ackTimeout;
    private final Duration retryAfter;

    public EventPublisher(Producer<String, byte[]> producer, Duration ackTimeout, Duration retryAfter) {
        this.producer = producer;
        this.ackTimeout = ackTimeout;
        this.retryAfter = retryAfter;
    }

    /**
     * Sends all records and waits for their acknowledgements; throws a 503 {@link ApiProblem}.
     * Returns each record's metadata, in order; on a topic with broker timestamps
     * ({@code LogAppendTime}) its timestamp is when the broker appended it.
     */
    public List<RecordMetadata> publish(List<ProducerRecord<String, byte[]>> records) {
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
        log.warn("{}; answering 503 so that the sender retries: {}", why, String.valueOf(cause));
        return ApiProblem.unavailable("the event could not be stored right now; retry later", retryAfter);
    }
}
