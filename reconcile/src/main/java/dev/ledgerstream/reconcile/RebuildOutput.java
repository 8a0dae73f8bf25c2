package dev.ledgerstream.reconcile;

import dev.ledgerstream.schemas.Topics;
import dev.ledgerstream.schemas.ledger.LedgerRecord;
import dev.ledgerstream.sink.write.LedgerWriter;
import dev.ledgerstream.sink.write.SinkRecord;
import dev.ledgerstream.sink.write.WriteFailure;
import dev.ledgerstream.sink.write.WriteResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * A rebuild's writes: every record the replay produces, and every raw record the sink keeps as it
 * is, go through the sink's own {@link LedgerWriter} in batches, each exactly as the sink would
 * write it had it read the record from its topic. A produced record is given its topic's name and
 * a running number as its offset (it was never on a topic); a raw one keeps its coordinates.
 */
final class RebuildOutput implements Replay.Output, AutoCloseable {

    static final int BATCH = 2_000;

    private final LedgerWriter writer;
    private final List<SinkRecord> batch = new ArrayList<>(BATCH);
    private long produced;
    private long written;
    private long rejected;

    RebuildOutput(LedgerWriter writer) {
        this.writer = writer;
    }

    @Override
    public void notification(ConsumerRecord<byte[], byte[]> raw) {
        raw(raw);
    }

    /** A raw record the sink keeps as it is (a notification, a quarantined one, a dead letter). */
    void raw(ConsumerRecord<byte[], byte[]> raw) {
        List<SinkRecord.Header> headers = new ArrayList<>();
        for (Header header : raw.headers()) {
            headers.add(new SinkRecord.Header(header.key(), header.value()));
        }
        add(new SinkRecord(raw.topic(), raw.partition(), raw.offset(), raw.timestamp(), raw.key(), raw.value(), headers));
    }

    @Override
    public void ledger(LedgerRecord record) {
        add(new SinkRecord(Topics.of(record).name(), -1, produced++, System.currentTimeMillis(),
                record.key().getBytes(StandardCharsets.UTF_8), Topics.valueBytes(record), List.of()));
    }

    /** Writes what is still batched. */
    void flush() {
        if (batch.isEmpty()) {
            return;
        }
        try {
            WriteResult result = writer.write(List.copyOf(batch), LedgerWriter.BeforeCommit.NOTHING);
            written += result.records();
            rejected += result.rejects().size();
        } catch (WriteFailure e) {
            throw new IllegalStateException("writing the rebuilt ledger failed: " + e.getMessage(), e);
        }
        batch.clear();
    }

    /** Records handed to the writer. */
    long written() {
        return written;
    }

    /** Records PostgreSQL or the decoder refused (in {@code sink_rejects}, as the sink would have them). */
    long rejected() {
        return rejected;
    }

    private void add(SinkRecord record) {
        batch.add(record);
        if (batch.size() >= BATCH) {
            flush();
        }
    }

    @Override
    public void close() {
        writer.close();
    }
}
