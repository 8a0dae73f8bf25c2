package dev.ledgerstream.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ledgerstream.sink.consume.LedgerSink;
import dev.ledgerstream.sink.consume.LoopStatus;
import dev.ledgerstream.sink.consume.SinkHooks;
import dev.ledgerstream.testsupport.PostgresServer;
import dev.ledgerstream.testsupport.TestServers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL stopped for more than ten seconds while records keep arriving: the sink retries, pauses
 * without advancing an offset, and once PostgreSQL is back every record is in the ledger exactly once.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class PostgresOutageIT {

    private static final int CHUNKS = 40;

    @Test
    void postgresql_stopped_in_the_middle_of_a_stream_loses_and_duplicates_nothing() throws Exception {
        // given a sink streaming a workload that arrives over about twenty seconds
        PostgresServer postgres = TestServers.postgres();
        assumeTrue(postgres.canRestart(), "only the embedded PostgreSQL can be stopped and started");
        LedgerDatabase ledger = LedgerDatabase.migrated("outage");
        LedgerWorkload workload = new LedgerWorkload(13, 8, 120, 2, 3_000);
        ExecutorService producer = Executors.newSingleThreadExecutor();
        try (SinkHarness harness = new SinkHarness()) {
            SimpleMeterRegistry metrics = new SimpleMeterRegistry();
            LedgerSink sink = harness.start(ledger, harness.settings(), metrics, SinkHooks.NONE);
            harness.sendIpns(workload.ipns);
            Future<?> stream = harness.sendInChunks(producer, workload.records, CHUNKS, Duration.ofMillis(500));

            // when PostgreSQL goes away in the middle of the stream, for twelve seconds
            TimeUnit.SECONDS.sleep(4);
            postgres.stop();
            TimeUnit.SECONDS.sleep(6);
            LoopStatus during = sink.status().get(0);
            TimeUnit.SECONDS.sleep(6);
            postgres.start();
            stream.get(60, TimeUnit.SECONDS);
            LedgerSinkIT.awaitWorkload(ledger, workload);

            // then
            assertThat(during.state()).isEqualTo(LoopStatus.State.OUTAGE);
            assertThat(sink.status().get(0).state()).isEqualTo(LoopStatus.State.RUNNING);
            assertThat(metrics.get("ledger.sink.write.failures").counters().stream()
                    .mapToDouble(counter -> counter.count()).sum()).isPositive();
            assertThat(ledger.platformLong("SELECT count(*) FROM ledger.sink_rejects")).isZero();
            assertThat(ledger.platformLong("SELECT balance_micro FROM platform.system_totals()")).isEqualTo(
                    workload.model.communities().values().stream().mapToLong(state -> state.balanceMicro()).sum());
        } finally {
            producer.shutdownNow();
            if (!postgres.isRunning()) {
                postgres.start();
            }
        }
    }
}
