package dev.ledgerstream.stream.deadletter;

import dev.ledgerstream.schemas.DeadLetterHeaders;
import dev.ledgerstream.schemas.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Poison records (ADR 0003): a record that cannot be deserialized or validated against its
 * schema, or that a processor cannot process, goes to its input's dead-letter topic
 * ({@code payments.ipn.v1} → {@code payments.ipn.dlq.v1}) with the original key and value bytes
 * and the reason in headers ({@link DeadLetterHeaders}), inside the same exactly-once transaction, and is counted. The
 * application keeps running: no log-and-drop, no crash loop.
 */
public final class DeadLetters implements DeserializationExceptionHandler, ProcessingExceptionHandler {

    /** Where the application's meter registry is passed in the Streams configuration. */
    public static final String REGISTRY_CONFIG = "ledgerstream.dead-letters.registry";

    private static final int MAX_REASON_LENGTH = 1000;

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private MeterRegistry registry = Metrics.globalRegistry;

    @Override
    public void configure(Map<String, ?> configs) {
        if (configs.get(REGISTRY_CONFIG) instanceof MeterRegistry configured) {
            registry = configured;
        }
    }

    @Override
    public DeserializationExceptionHandler.Response handleError(ErrorHandlerContext context,
            ConsumerRecord<byte[], byte[]> record, Exception exception) {
        return DeserializationExceptionHandler.Response.resume(List.of(deadLetter(context, "deserialization", exception)));
    }

    @Override
    public ProcessingExceptionHandler.Response handleError(ErrorHandlerContext context, Record<?, ?> record,
            Exception exception) {
        return ProcessingExceptionHandler.Response.resume(List.of(deadLetter(context, "processing", exception)));
    }

    private ProducerRecord<byte[], byte[]> deadLetter(ErrorHandlerContext context, String stage, Exception exception) {
        String target = Topics.deadLetterTopicOf(context.topic());
        String reason = truncate(stage + ": " + exception.getMessage());
        Counter.builder("ledger.dead.letters").description("Records sent to a dead-letter topic, by source and stage")
                .tag("source", context.topic()).tag("stage", stage).register(registry).increment();
        log.warn("dead-lettered a record of {} partition {} offset {} to {}: {}", context.topic(), context.partition(),
                context.offset(), target, reason);
        Headers headers = new RecordHeaders(context.headers().toArray());
        header(headers, DeadLetterHeaders.REASON, reason);
        header(headers, DeadLetterHeaders.EXCEPTION, exception.getClass().getName());
        header(headers, DeadLetterHeaders.SOURCE_TOPIC, context.topic());
        header(headers, DeadLetterHeaders.SOURCE_PARTITION, Integer.toString(context.partition()));
        header(headers, DeadLetterHeaders.SOURCE_OFFSET, Long.toString(context.offset()));
        header(headers, DeadLetterHeaders.FAILED_AT, Instant.ofEpochMilli(context.timestamp()).toString());
        return new ProducerRecord<>(target, null, context.timestamp(), context.sourceRawKey(),
                context.sourceRawValue(), headers);
    }

    private static void header(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String truncate(String reason) {
        return reason.length() <= MAX_REASON_LENGTH ? reason : reason.substring(0, MAX_REASON_LENGTH);
    }
}
