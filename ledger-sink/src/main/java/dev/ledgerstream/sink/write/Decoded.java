package dev.ledgerstream.sink.write;

import java.util.Objects;

/**
 * A record that decoded: its source and the value its topic's serde produced, or null for a dead
 * letter (kept as bytes).
 */
record Decoded(SinkRecord source, Object value) {

    Decoded {
        Objects.requireNonNull(source, "source");
    }

    /** Decodes and validates {@code record} with its topic's serde; throws for anything that does not. */
    static Decoded of(SinkRecord record) throws UndecodableRecordException {
        if (SinkTopics.isDeadLetterTopic(record.topic())) {
            return new Decoded(record, null);
        }
        var serde = SinkTopics.serdeOf(record.topic());
        if (serde == null) {
            throw new UndecodableRecordException("the sink does not read topic " + record.topic());
        }
        if (record.value() == null) {
            throw new UndecodableRecordException("a record without a value (tombstone) on " + record.topic());
        }
        try {
            return new Decoded(record, serde.fromBytes(record.value()));
        } catch (RuntimeException e) {
            throw new UndecodableRecordException(e.getMessage() == null ? e.getClass().getName() : e.getMessage());
        }
    }

    /** The record is not a valid record of its topic. */
    static final class UndecodableRecordException extends Exception {

        private static final long serialVersionUID = 1L;

        UndecodableRecordException(String message) {
            super(message);
        }
    }
}
