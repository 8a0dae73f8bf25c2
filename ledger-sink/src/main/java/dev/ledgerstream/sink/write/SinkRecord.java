package dev.ledgerstream.sink.write;

import java.util.List;
import java.util.Objects;

/**
 * One record as read from a topic, before decoding: where it came from and its original bytes,
 * which is what a reject or a dead letter keeps.
 *
 * @param timestampMillis the record's Kafka timestamp
 * @param key             the key bytes, or null
 * @param value           the value bytes, or null (a tombstone, which no sink topic should carry)
 * @param headers         the record's headers, in order
 */
public record SinkRecord(
        String topic, int partition, long offset, long timestampMillis, byte[] key, byte[] value,
        List<Header> headers) {

    public SinkRecord {
        Objects.requireNonNull(topic, "topic");
        headers = List.copyOf(headers);
    }

    /** A record header; the value may be null. */
    public record Header(String name, byte[] value) {

        public Header {
            Objects.requireNonNull(name, "name");
        }
    }

    /** {@code topic-partition@offset}, for log lines and reasons. */
    public String coordinates() {
        return topic + "-" + partition + "@" + offset;
    }
}
