package dev.ledgerstream.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ledgerstream.sink.consume.LedgerSink;
import dev.ledgerstream.sink.consume.LoopStatus;
import dev.ledgerstream.sink.consume.SinkHooks;
import dev.ledgerstream.testsupport.KafkaServer;
import dev.ledgerstream.testsupport.TestServers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * The broker stopped for ten seconds under a running sink (the fault matrix of issue 13): the sink
 * keeps its loop alive without committing anything it did not write, and once the broker is back
 * it reads on from its committed offsets: every record of the workload is in the ledger, once.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class BrokerOutageIT {

    @Test
    void the_broker_stopped_between_two_halves_of_a_workload_loses_and_duplicates_nothing() throws Exception {
        // given a sink that has written the first half of a workload
        KafkaServer kafka = TestServers.kafka();
        assumeTrue(kafka.canRestart(), "only the embedded broker can be stopped and started");
        LedgerDatabase ledger = LedgerDatabase.migrated("broker_outage");
        LedgerWorkload workload = new LedgerWorkload(17, 8, 120, 2, 3_000);
        int half = workload.records.size() / 2;
        try (SinkHarness harness = new SinkHarness()) {
            SimpleMeterRegistry metrics = new SimpleMeterRegistry();
            LedgerSink sink = harness.start(ledger, harness.settings(), metrics, SinkHooks.NONE);
            harness.sendIpns(workload.ipns);
            harness.send(workload.records.subList(0, half));
            SinkHarness.await("the sink writing the first half", Duration.ofSeconds(60), () -> {
                try {
                    return ledger.platformLong("SELECT count(*) FROM ledger.lot_entries") > 0;
                } catch (SQLException e) {
                    return false;
                }
            });

            // when the broker goes away for ten seconds, then the second half arrives
            kafka.stop();
            TimeUnit.SECONDS.sleep(10);
            LoopStatus during = sink.status().get(0);
            kafka.start();
            harness.send(workload.records.subList(half, workload.records.size()));
            LedgerSinkIT.awaitWorkload(ledger, workload);

            // then
            assertThat(during.state()).isIn(LoopStatus.State.RUNNING, LoopStatus.State.OUTAGE);
            assertThat(sink.status().get(0).state()).isEqualTo(LoopStatus.State.RUNNING);
            assertThat(ledger.platformLong("SELECT count(*) FROM ledger.sink_rejects")).isZero();
            assertThat(ledger.platformLong("SELECT balance_micro FROM platform.system_totals()")).isEqualTo(
                    workload.model.communities().values().stream().mapToLong(state -> state.balanceMicro()).sum());
        } finally {
            if (!kafka.isRunning()) {
                kafka.start();
            }
        }
    }
}
