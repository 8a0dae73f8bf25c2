package dev.ledgerstream.schemas;

/**
 * The headers of a record on a dead-letter topic ({@code *.dlq.v1}, SPEC 4, ADR 0003): the original
 * key and value bytes travel unchanged, and these say why and from where. Written by the stream
 * processors and the sink, read by the sink into {@code dead_letters} and by whoever inspects the
 * topic. Every value is UTF-8 text; every name starts with {@link #PREFIX}, so that a record
 * dead-lettered twice carries one set (the latest).
 */
public final class DeadLetterHeaders {

    /** What every dead-letter header's name starts with. */
    public static final String PREFIX = "dlq.";
    /** Why, as {@code <stage>: <message>} (stages: {@code deserialization}, {@code processing}, {@code sink-…}). */
    public static final String REASON = PREFIX + "reason";
    /** The class name of the exception that refused the record. */
    public static final String EXCEPTION = PREFIX + "exception";
    /** The topic the record was read from. */
    public static final String SOURCE_TOPIC = PREFIX + "source.topic";
    /** Its partition, a decimal integer. */
    public static final String SOURCE_PARTITION = PREFIX + "source.partition";
    /** Its offset, a decimal integer. */
    public static final String SOURCE_OFFSET = PREFIX + "source.offset";
    /** When it was refused, an RFC 3339 instant. */
    public static final String FAILED_AT = PREFIX + "failed.at";

    private DeadLetterHeaders() {
    }
}
