package dev.ledgerstream.sink.consume;

import dev.ledgerstream.servicekit.kafka.KafkaClientSecurity;
import dev.ledgerstream.schemas.DeadLetterHeaders;
import dev.ledgerstream.sink.write.Reject;
import dev.ledgerstream.sink.write.SinkRecord;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends rejects to their dead-letter topics as ADR 0003 describes: the original key, value and
 * headers, and the reason in {@code dlq.*} headers (the stream processors' format). It returns only
 * when the broker acknowledged every one, so that the batch's database commit, which follows,
 * never records a reject whose dead letter was lost. Thread-safe.
 */
final class DeadLetterPublisher implements AutoCloseable {

    private final Producer<byte[], byte[]> producer;
    private final Duration timeout;
    private final Clock clock;

    DeadLetterPublisher(String bootstrapServers, KafkaClientSecurity security, String clientId, Duration timeout,
            Clock clock) {
        this.timeout = timeout;
        this.clock = clock;
        this.producer = new KafkaProducer<>(security.addTo(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.CLIENT_ID_CONFIG, clientId,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                // Bounded, so that an unreachable broker fails the batch (to be retried) instead of hanging it.
                ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) timeout.toMillis() / 2,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis() / 2,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeout.toMillis())),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Sends every reject that has a dead-letter topic and waits for all acknowledgements. */
    void publish(List<Reject> rejects) throws Exception {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (Reject reject : rejects) {
            if (reject.deadLetterTopic() != null) {
                sent.add(producer.send(deadLetter(reject)));
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Future<RecordMetadata> acknowledgement : sent) {
            acknowledgement.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
    }

    private ProducerRecord<byte[], byte[]> deadLetter(Reject reject) {
        SinkRecord record = reject.record();
        Headers headers = new RecordHeaders();
        for (SinkRecord.Header header : record.headers()) {
            if (!header.name().startsWith(DeadLetterHeaders.PREFIX)) {
                headers.add(header.name(), header.value());
            }
        }
        String reason = "sink-" + reject.stage() + ": " + reject.reason();
        header(headers, DeadLetterHeaders.REASON, reason);
        header(headers, DeadLetterHeaders.EXCEPTION, Reject.DATABASE.equals(reject.stage())
                ? "org.postgresql.util.PSQLException" : "org.apache.kafka.common.errors.SerializationException");
        header(headers, DeadLetterHeaders.SOURCE_TOPIC, record.topic());
        header(headers, DeadLetterHeaders.SOURCE_PARTITION, Integer.toString(record.partition()));
        header(headers, DeadLetterHeaders.SOURCE_OFFSET, Long.toString(record.offset()));
        header(headers, DeadLetterHeaders.FAILED_AT, clock.instant().toString());
        return new ProducerRecord<>(reject.deadLetterTopic(), null, record.timestampMillis(), record.key(),
                record.value(), headers);
    }

    private static void header(Headers headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        producer.close(timeout);
    }
}
