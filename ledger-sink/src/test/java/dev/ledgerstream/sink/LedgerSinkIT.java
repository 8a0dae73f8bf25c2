package dev.ledgerstream.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerstream.schemas.Topics;
import dev.ledgerstream.schemas.ingest.IpnReceived;
import dev.ledgerstream.schemas.ledger.GuardViolation;
import dev.ledgerstream.schemas.ledger.LedgerEntry;
import dev.ledgerstream.schemas.ledger.PaymentOutcome;
import dev.ledgerstream.schemas.ledger.UsageRecorded;
import dev.ledgerstream.sink.consume.LedgerSink;
import dev.ledgerstream.sink.consume.LoopStatus;
import dev.ledgerstream.sink.consume.SinkHooks;
import dev.ledgerstream.sink.write.LedgerTable;
import dev.ledgerstream.sink.write.SinkRecord;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * The sink end to end on a real broker and a real PostgreSQL: redeliveries, a crash at the worst
 * moment, and records PostgreSQL refuses.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class LedgerSinkIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Test
    void the_sink_killed_between_the_database_commit_and_the_offset_commit_duplicates_nothing_when_restarted()
            throws Exception {
        // given a workload on the topics, and a sink that dies right after its first database commit
        LedgerDatabase ledger = LedgerDatabase.migrated("crash");
        LedgerWorkload workload = new LedgerWorkload(11, 6, 60, 2, 600);
        try (SinkHarness harness = new SinkHarness()) {
            Map<TopicPartition, OffsetAndMetadata> startOffsets = committedOffsets(harness);
            sendAll(harness, workload);
            AtomicBoolean crashed = new AtomicBoolean();
            SinkHooks crashOnce = new SinkHooks() {
                @Override
                public void afterDatabaseCommit(List<SinkRecord> batch) {
                    if (!crashed.getAndSet(true)) {
                        throw new IllegalStateException("simulated crash between the database and the offset commit");
                    }
                }
            };

            // when
            LedgerSink first = harness.start(ledger, harness.settings().withBatchMaxRecords(100),
                    new SimpleMeterRegistry(), crashOnce);
            SinkHarness.await("the first sink to crash", PATIENCE,
                    () -> first.status().get(0).state() == LoopStatus.State.FAILED);
            long rowsAfterCrash = rows(ledger);
            Map<TopicPartition, OffsetAndMetadata> afterCrash = committedOffsets(harness);
            SimpleMeterRegistry secondMetrics = new SimpleMeterRegistry();
            harness.start(ledger, harness.settings().withBatchMaxRecords(100), secondMetrics, SinkHooks.NONE);
            awaitWorkload(ledger, workload);

            // then: the crashed batch was in the database, its offsets were not, and nothing is there twice
            assertThat(rowsAfterCrash).isPositive();
            assertThat(afterCrash).isEqualTo(startOffsets);
            assertThat(secondMetrics.get("ledger.sink.rows.duplicate").counters().stream()
                    .mapToDouble(counter -> counter.count()).sum()).isGreaterThanOrEqualTo(rowsAfterCrash);
            assertThat(ledger.platformLong("SELECT count(*) FROM ledger.sink_rejects")).isZero();
            assertThat(ledger.platformLong("SELECT minted_micro FROM platform.system_totals()")).isEqualTo(
                    workload.model.communities().values().stream().mapToLong(state -> state.mintedMicro()).sum());
        }
    }

    @Test
    void the_same_records_delivered_twice_leave_the_same_rows() throws Exception {
        // given the workload written once
        LedgerDatabase ledger = LedgerDatabase.migrated("twice");
        LedgerWorkload workload = new LedgerWorkload(12, 4, 40, 2, 300);
        try (SinkHarness harness = new SinkHarness()) {
            SimpleMeterRegistry metrics = new SimpleMeterRegistry();
            harness.start(ledger, harness.settings(), metrics, SinkHooks.NONE);
            sendAll(harness, workload);
            awaitWorkload(ledger, workload);
            Map<String, List<List<String>>> once = snapshot(ledger);
            long rows = rows(ledger);

            // when the same records arrive again (a producer retry, a replay of the ledger topics)
            sendAll(harness, workload);
            SinkHarness.await("the second delivery to be written", PATIENCE, () ->
                    metrics.get("ledger.sink.rows.duplicate").counters().stream()
                            .mapToDouble(counter -> counter.count()).sum() >= rows);

            // then
            assertThat(snapshot(ledger)).isEqualTo(once);
        }
    }

    @Test
    void records_that_cannot_be_written_go_to_their_dead_letter_topic_and_sink_rejects_and_the_stream_goes_on()
            throws Exception {
        // given a debit of a lot that does not exist and a record that is not JSON, between good records
        LedgerDatabase ledger = LedgerDatabase.migrated("rejects");
        String community = UUID.randomUUID().toString();
        String lot = "lot-" + community;
        try (SinkHarness harness = new SinkHarness()) {
            SimpleMeterRegistry metrics = new SimpleMeterRegistry();
            harness.start(ledger, harness.settings(), metrics, SinkHooks.NONE);

            // when
            harness.send(List.of(TestRecords.mint(community, lot, "9001", 5_000_000),
                    TestRecords.debit(community, "lot-missing", "9002", "f-missing", 1_000)));
            harness.sendRaw(Topics.LEDGER_USAGE_EVENTS.name(), community, "not json".getBytes(StandardCharsets.UTF_8));
            harness.send(List.of(TestRecords.usage(community, "f-after", lot, 1_000)));

            // then
            SinkHarness.await("the good records and both dead letters", PATIENCE, () ->
                    ledger.platformLong("SELECT count(*) FROM ledger.usage_events") == 1
                    && ledger.platformLong("SELECT count(*) FROM ledger.dead_letters") == 2);
            assertThat(ledger.platformRows("SELECT source_topic, stage, sql_state, dead_letter_topic FROM ledger.sink_rejects "
                    + "ORDER BY source_topic"))
                    .containsExactly(List.of("ledger.entries.v1", "database", "23503", "ledger.entries.dlq.v1"),
                            java.util.Arrays.asList("ledger.usage-events.v1", "decode", null, "ledger.usage-events.dlq.v1"));
            assertThat(ledger.platformRows("SELECT d.dlq_topic, d.source_topic, d.source_offset = r.source_offset, "
                    + "d.record_value = r.record_value, d.reason LIKE 'sink-' || r.stage || ': %' "
                    + "FROM ledger.dead_letters d JOIN ledger.sink_rejects r ON r.source_topic = d.source_topic "
                    + "ORDER BY d.dlq_topic"))
                    .containsExactly(List.of("ledger.entries.dlq.v1", "ledger.entries.v1", "t", "t", "t"),
                            List.of("ledger.usage-events.dlq.v1", "ledger.usage-events.v1", "t", "t", "t"));
            assertThat(ledger.platformLong("SELECT count(*) FROM ledger.credit_lots")).isEqualTo(1);
            assertThat(metrics.get("ledger.sink.rejects").counters()).hasSize(2);
        }
    }

    private static void sendAll(SinkHarness harness, LedgerWorkload workload) {
        harness.sendIpns(workload.ipns);
        harness.send(workload.records);
    }

    static void awaitWorkload(LedgerDatabase ledger, LedgerWorkload workload) throws Exception {
        SinkHarness.await("every record of the workload in the ledger", PATIENCE, () -> {
            try {
                return ledger.platformLong("SELECT count(*) FROM ledger.usage_events")
                        == distinct(workload, UsageRecorded.class, usage -> usage.communityId() + "|" + usage.finalizationId())
                        && ledger.platformLong("SELECT count(*) FROM ledger.lot_entries")
                        == distinct(workload, LedgerEntry.class, LedgerEntry::entryId)
                        && ledger.platformLong("SELECT count(*) FROM ledger.crypto_payment_outcomes")
                        == distinct(workload, PaymentOutcome.class, PaymentOutcome::outcomeId)
                        && ledger.platformLong("SELECT count(*) FROM ledger.guard_violations")
                        == distinct(workload, GuardViolation.class, GuardViolation::violationId)
                        && ledger.platformLong("SELECT count(*) FROM ledger.webhook_events")
                        == workload.ipns.stream().map(IpnReceived::eventId).distinct().count();
            } catch (SQLException e) {
                return false;
            }
        });
    }

    private static <T> long distinct(LedgerWorkload workload, Class<T> type, Function<T, String> id) {
        return workload.records.stream().filter(type::isInstance).map(type::cast).map(id).distinct().count();
    }

    private static long rows(LedgerDatabase ledger) throws SQLException {
        long rows = 0;
        for (LedgerTable table : LedgerTable.values()) {
            rows += ledger.platformLong("SELECT count(*) FROM ledger." + table.tableName());
        }
        return rows;
    }

    private static Map<String, List<List<String>>> snapshot(LedgerDatabase ledger) throws SQLException {
        Map<String, List<List<String>>> tables = new TreeMap<>();
        for (LedgerTable table : LedgerTable.values()) {
            tables.put(table.tableName(), ledger.contents(table.tableName()));
        }
        return tables;
    }

    private static Map<TopicPartition, OffsetAndMetadata> committedOffsets(SinkHarness harness) throws Exception {
        try (Admin admin = Admin.create(harness.kafka().clientConfig())) {
            return admin.listConsumerGroupOffsets(harness.settings().groupId()).partitionsToOffsetAndMetadata().get();
        }
    }
}
