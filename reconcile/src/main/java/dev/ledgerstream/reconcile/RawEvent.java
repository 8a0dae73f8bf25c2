package dev.ledgerstream.reconcile;

import dev.ledgerstream.schemas.ingest.IpnReceived;
import dev.ledgerstream.schemas.ingest.OperatorAction;
import dev.ledgerstream.schemas.ingest.UsageFinalizationReceived;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** One record of a raw topic as the replay reads it, with the time that places it in the replay's order. */
sealed interface RawEvent {

    ConsumerRecord<byte[], byte[]> record();

    /** When the ingest API received it; for an unreadable record, its Kafka timestamp. */
    Instant receivedAt();

    /** A verified notification from {@code payments.ipn.v1}. */
    record Ipn(ConsumerRecord<byte[], byte[]> record, IpnReceived value) implements RawEvent {
        @Override
        public Instant receivedAt() {
            return value.receivedAt();
        }
    }

    /** A usage finalization from {@code usage.finalizations.v1}. */
    record Usage(ConsumerRecord<byte[], byte[]> record, UsageFinalizationReceived value) implements RawEvent {
        @Override
        public Instant receivedAt() {
            return value.receivedAt();
        }
    }

    /** An operator's action from {@code operator.actions.v1}. */
    record Action(ConsumerRecord<byte[], byte[]> record, OperatorAction value) implements RawEvent {
        @Override
        public Instant receivedAt() {
            return value.requestedAt();
        }
    }

    /** A record that does not decode: the stream processors dead-letter it, and so the replay skips it. */
    record Unreadable(ConsumerRecord<byte[], byte[]> record, String reason) implements RawEvent {
        @Override
        public Instant receivedAt() {
            return Instant.ofEpochMilli(record.timestamp());
        }
    }
}
