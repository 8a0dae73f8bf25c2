package dev.ledgerstream.sink.consume;

import dev.ledgerstream.sink.write.FailureKind;
import dev.ledgerstream.sink.write.LedgerTable;
import dev.ledgerstream.sink.write.Reject;
import dev.ledgerstream.sink.write.SinkTopics;
import dev.ledgerstream.sink.write.WriteResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The sink's meters (Micrometer names; Prometheus adds the unit and {@code _total}). Tags are
 * tables, topics and failure kinds: a fixed, small set.
 *
 * <ul>
 *   <li>{@code ledger.sink.rows.written{table}}: rows inserted (crypto_payments: or moved forward);</li>
 *   <li>{@code ledger.sink.rows.duplicate{table}}: rows offered that were already there (redeliveries);</li>
 *   <li>{@code ledger.sink.batch.duration}: from poll to offset commit, per batch (histogram);</li>
 *   <li>{@code ledger.sink.batch.records}: records per batch;</li>
 *   <li>{@code ledger.sink.ingest.to.commit{table}}: from the ingest API's receipt of the event to the
 *       database commit of its row (histogram), for the rows that carry the receipt time;</li>
 *   <li>{@code ledger.sink.consumer.lag{topic}}: records not yet committed, summed over partitions;</li>
 *   <li>{@code ledger.sink.rejects{stage,topic}}, {@code ledger.sink.write.failures{kind}},
 *       {@code ledger.sink.offset.commit.failures}, {@code ledger.sink.outages} (threads paused
 *       for PostgreSQL right now).</li>
 * </ul>
 */
public final class SinkMetrics {

    private final MeterRegistry registry;
    private final Map<LedgerTable, Counter> written = new EnumMap<>(LedgerTable.class);
    private final Map<LedgerTable, Counter> duplicates = new EnumMap<>(LedgerTable.class);
    private final Map<LedgerTable, Timer> ingestToCommit = new EnumMap<>(LedgerTable.class);
    private final Timer batchDuration;
    private final DistributionSummary batchRecords;
    private final Counter commitFailures;
    private final AtomicInteger outages = new AtomicInteger();
    /** Lag per loop and topic; the gauge of a topic sums over the loops. */
    private final Map<String, Map<String, Long>> lag = new ConcurrentHashMap<>();

    public SinkMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (LedgerTable table : LedgerTable.values()) {
            String name = table.tableName();
            written.put(table, Counter.builder("ledger.sink.rows.written").tag("table", name)
                    .description("Rows the sink inserted, per table").register(registry));
            duplicates.put(table, Counter.builder("ledger.sink.rows.duplicate").tag("table", name)
                    .description("Rows offered that were already in the table (redeliveries, replays)")
                    .register(registry));
            ingestToCommit.put(table, Timer.builder("ledger.sink.ingest.to.commit").tag("table", name)
                    .description("From the ingest API's receipt of an event to the database commit of its row")
                    .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                    .maximumExpectedValue(Duration.ofMinutes(10)).register(registry));
        }
        batchDuration = Timer.builder("ledger.sink.batch.duration")
                .description("One batch from poll to offset commit, retries included")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(1)).register(registry);
        batchRecords = DistributionSummary.builder("ledger.sink.batch.records").description("Records per batch")
                .register(registry);
        commitFailures = Counter.builder("ledger.sink.offset.commit.failures")
                .description("Offset commits that failed after the database commit (the batch is redelivered)")
                .register(registry);
        Gauge.builder("ledger.sink.outages", outages, AtomicInteger::get)
                .description("Consumer threads paused until PostgreSQL answers again").register(registry);
        for (String topic : SinkTopics.subscribed()) {
            Gauge.builder("ledger.sink.consumer.lag", lag, loops -> topicLag(loops, topic)).tag("topic", topic)
                    .description("Records of the topic not yet written and committed by this instance")
                    .register(registry);
        }
    }

    void batchCommitted(WriteResult result, Duration duration) {
        batchDuration.record(duration);
        batchRecords.record(result.records());
        for (LedgerTable table : LedgerTable.values()) {
            long rows = result.rowsWritten(table);
            written.get(table).increment(rows);
            duplicates.get(table).increment(Math.max(0, result.rowsOffered(table) - rows));
        }
        for (WriteResult.Receipt receipt : result.receipts()) {
            Duration latency = Duration.between(receipt.receivedAt(), result.committedAt());
            if (!latency.isNegative()) {
                ingestToCommit.get(receipt.table()).record(latency);
            }
        }
        for (Reject reject : result.rejects()) {
            registry.counter("ledger.sink.rejects", "stage", reject.stage(), "topic", reject.record().topic())
                    .increment();
        }
    }

    void writeFailed(FailureKind kind) {
        registry.counter("ledger.sink.write.failures", "kind", kind.name().toLowerCase(Locale.ROOT))
                .increment();
    }

    void offsetCommitFailed() {
        commitFailures.increment();
    }

    void outageStarted() {
        outages.incrementAndGet();
    }

    void outageEnded() {
        outages.decrementAndGet();
    }

    void lag(String loop, Map<String, Long> byTopic) {
        lag.put(loop, Map.copyOf(byTopic));
    }

    private static double topicLag(Map<String, Map<String, Long>> loops, String topic) {
        long sum = 0;
        for (Map<String, Long> loop : loops.values()) {
            sum += loop.getOrDefault(topic, 0L);
        }
        return sum;
    }
}
