package dev.ledgerstream.sink.write;

import dev.ledgerstream.schemas.Topics;
import java.util.Objects;

/**
 * A record the sink could not write: it goes to its topic's dead-letter topic and to
 * {@code sink_rejects}, instead of stopping the stream.
 *
 * @param stage    {@code decode} (not a valid record of its topic) or {@code database} (PostgreSQL
 *                 refused its rows)
 * @param sqlState PostgreSQL's SQLSTATE for a {@code database} reject, else null
 * @param reason   what went wrong, bounded
 */
public record Reject(SinkRecord record, String stage, String sqlState, String reason) {

    public static final String DECODE = "decode";
    public static final String DATABASE = "database";

    public Reject {
        Objects.requireNonNull(record, "record");
        if (!DECODE.equals(stage) && !DATABASE.equals(stage)) {
            throw new IllegalArgumentException("stage must be decode or database: " + stage);
        }
        reason = Texts.bounded(Objects.requireNonNull(reason, "reason"));
    }

    /**
     * Where the record is dead-lettered: its topic's dead-letter topic, or null for a record that
     * came from a dead-letter topic itself (it is kept in {@code sink_rejects} only, never re-sent).
     */
    public String deadLetterTopic() {
        return SinkTopics.isDeadLetterTopic(record.topic()) ? null : Topics.deadLetterTopicOf(record.topic());
    }
}
