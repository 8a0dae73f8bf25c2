package dev.ledgerstream.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerstream.sink.consume.LedgerSink;
import dev.ledgerstream.sink.consume.LoopStatus;
import dev.ledgerstream.sink.consume.SinkHooks;
import dev.ledgerstream.sink.write.SinkRecord;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * The sink crashed ten times under load (the fault matrix of issue 13), each time at the worst
 * point: its batch committed in PostgreSQL, its offsets not. Each new sink re-reads from the
 * committed offsets while records keep arriving; at the end every record is in the ledger once
 * and the totals are the model's.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class RepeatedCrashIT {

    private static final int CRASHES = 10;
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Test
    void ten_crashes_between_the_database_commit_and_the_offset_commit_lose_and_duplicate_nothing() throws Exception {
        // given a workload that arrives in chunks while the sinks come and go
        LedgerDatabase ledger = LedgerDatabase.migrated("crashes");
        LedgerWorkload workload = new LedgerWorkload(19, 8, 120, 2, 3_000);
        ExecutorService producer = Executors.newSingleThreadExecutor();
        try (SinkHarness harness = new SinkHarness()) {
            harness.sendIpns(workload.ipns);
            Future<?> stream = harness.sendInChunks(producer, workload.records, 30, Duration.ofMillis(200));

            // when ten sinks in a row each crash right after their second database commit
            double duplicates = 0;
            for (int crash = 0; crash < CRASHES; crash++) {
                SimpleMeterRegistry metrics = new SimpleMeterRegistry();
                LedgerSink sink = harness.start(ledger, harness.settings().withBatchMaxRecords(200), metrics,
                        crashAfter(2));
                SinkHarness.await("sink " + crash + " to crash", PATIENCE,
                        () -> sink.status().get(0).state() == LoopStatus.State.FAILED);
                sink.stop();
                duplicates += metrics.get("ledger.sink.rows.duplicate").counters().stream()
                        .mapToDouble(counter -> counter.count()).sum();
            }
            stream.get(60, TimeUnit.SECONDS);
            SimpleMeterRegistry last = new SimpleMeterRegistry();
            harness.start(ledger, harness.settings(), last, SinkHooks.NONE);
            LedgerSinkIT.awaitWorkload(ledger, workload);

            // then each crashed batch was delivered again and found written, and nothing is there twice
            duplicates += last.get("ledger.sink.rows.duplicate").counters().stream()
                    .mapToDouble(counter -> counter.count()).sum();
            assertThat(duplicates).as("rows offered again after a crash").isPositive();
            assertThat(ledger.platformLong("SELECT count(*) FROM ledger.sink_rejects")).isZero();
            assertThat(ledger.platformLong("SELECT balance_micro FROM platform.system_totals()")).isEqualTo(
                    workload.model.communities().values().stream().mapToLong(state -> state.balanceMicro()).sum());
            assertThat(ledger.platformLong("SELECT minted_micro FROM platform.system_totals()")).isEqualTo(
                    workload.model.communities().values().stream().mapToLong(state -> state.mintedMicro()).sum());
        } finally {
            producer.shutdownNow();
        }
    }

    /** Ends the consumer thread like a crash after its {@code commits}-th database commit, offsets uncommitted. */
    private static SinkHooks crashAfter(int commits) {
        return new SinkHooks() {
            private int seen;

            @Override
            public void afterDatabaseCommit(List<SinkRecord> batch) {
                if (++seen == commits) {
                    throw new IllegalStateException("simulated crash between the database and the offset commit");
                }
            }
        };
    }
}
