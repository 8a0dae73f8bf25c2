package dev.ledgerstream.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ledgerstream.schemas.PaymentStatus;
import dev.ledgerstream.schemas.Topics;
import dev.ledgerstream.schemas.ingest.ActionKind;
import dev.ledgerstream.schemas.ingest.ChargingMode;
import dev.ledgerstream.schemas.ingest.IpnQuarantined;
import dev.ledgerstream.schemas.ingest.MintingMode;
import dev.ledgerstream.schemas.ingest.OperatorAction;
import dev.ledgerstream.schemas.ledger.ActionOutcome;
import dev.ledgerstream.schemas.ledger.ActionResult;
import dev.ledgerstream.schemas.ledger.GuardOutcome;
import dev.ledgerstream.schemas.ledger.LotDebit;
import dev.ledgerstream.schemas.ledger.MintOutcome;
import dev.ledgerstream.schemas.ledger.PaymentOutcome;
import dev.ledgerstream.schemas.ledger.UsageRecorded;
import dev.ledgerstream.sink.write.FailureKind;
import dev.ledgerstream.sink.write.LedgerTable;
import dev.ledgerstream.sink.write.LedgerWriter;
import dev.ledgerstream.sink.write.Reject;
import dev.ledgerstream.sink.write.SinkRecord;
import dev.ledgerstream.sink.write.WriteFailure;
import dev.ledgerstream.sink.write.WriteResult;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The writer against a real PostgreSQL: idempotent batches, rejects, the payment state, dead letters. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class LedgerWriterIT {

    private static LedgerDatabase ledger;

    private final TestRecords records = new TestRecords();
    private LedgerWriter writer;

    @BeforeAll
    static void database() {
        ledger = LedgerDatabase.migrated("writer");
    }

    @BeforeEach
    void open() {
        writer = new LedgerWriter(ledger.settings(), "writer-it", Clock.systemUTC());
    }

    @AfterEach
    void close() {
        writer.close();
    }

    @Test
    void the_same_batch_delivered_twice_leaves_the_same_rows() throws Exception {
        // given a batch with a record for every table
        String community = UUID.randomUUID().toString();
        List<SinkRecord> batch = everyKind(community, 7001);
        WriteResult first = writer.write(batch, LedgerWriter.BeforeCommit.NOTHING);
        Map<String, List<List<String>>> before = snapshot();

        // when
        WriteResult second = writer.write(batch, LedgerWriter.BeforeCommit.NOTHING);

        // then
        assertThat(snapshot()).isEqualTo(before);
        assertThat(first.rowsWritten()).containsEntry(LedgerTable.USAGE_EVENTS, 1L)
                .containsEntry(LedgerTable.CREDIT_LOTS, 1L).containsEntry(LedgerTable.LOT_ENTRIES, 2L)
                .containsEntry(LedgerTable.CRYPTO_PAYMENTS, 1L).containsEntry(LedgerTable.WEBHOOK_EVENTS, 2L)
                .containsEntry(LedgerTable.DEAD_LETTERS, 1L).containsEntry(LedgerTable.OPERATOR_ACTIONS, 1L);
        assertThat(second.rowsWritten().values()).containsOnly(0L);
        assertThat(second.rowsOffered()).isEqualTo(first.rowsOffered());
    }

    @Test
    void a_record_postgresql_refuses_is_rejected_and_the_rest_of_its_batch_is_written() throws Exception {
        // given a debit of a lot that does not exist, between two good records
        String community = UUID.randomUUID().toString();
        List<SinkRecord> batch = List.of(
                records.read(TestRecords.mint(community, "lot-good-" + community, "8001", 5_000_000)),
                records.read(TestRecords.debit(community, "lot-missing-" + community, "8002", "f-x-" + community, 1)),
                records.read(TestRecords.usage(community, "f-ok-" + community, "lot-good-" + community, 1)));
        List<Reject> dead = new ArrayList<>();

        // when
        WriteResult result = writer.write(batch, dead::addAll);

        // then
        assertThat(result.rejects()).singleElement().satisfies(reject -> {
            assertThat(reject.record()).isEqualTo(batch.get(1));
            assertThat(reject.stage()).isEqualTo(Reject.DATABASE);
            assertThat(reject.sqlState()).isEqualTo("23503");
            assertThat(reject.deadLetterTopic()).isEqualTo("ledger.entries.dlq.v1");
        });
        assertThat(dead).isEqualTo(result.rejects());
        assertThat(result.rowsWritten()).containsEntry(LedgerTable.CREDIT_LOTS, 1L)
                .containsEntry(LedgerTable.USAGE_EVENTS, 1L).containsEntry(LedgerTable.SINK_REJECTS, 1L);
        assertThat(ledger.platformLong("SELECT count(*) FROM ledger.sink_rejects WHERE source_offset = "
                + batch.get(1).offset() + " AND stage = 'database' AND sql_state = '23503'")).isEqualTo(1);
    }

    @Test
    void an_entry_that_names_another_community_than_its_lot_is_refused_I_11() throws Exception {
        // given
        String owner = UUID.randomUUID().toString();
        String other = UUID.randomUUID().toString();
        String lot = "lot-" + owner;
        writer.write(List.of(records.read(TestRecords.mint(owner, lot, "8101", 5_000_000))),
                LedgerWriter.BeforeCommit.NOTHING);

        // when
        WriteResult result = writer.write(List.of(records.read(TestRecords.debit(other, lot, "8101", "f-" + other, 1))),
                LedgerWriter.BeforeCommit.NOTHING);

        // then
        assertThat(result.rejects()).extracting(Reject::sqlState).containsExactly("23503");
    }

    @Test
    void the_same_finalization_id_in_two_communities_is_two_usage_events() throws Exception {
        // given
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();

        // when
        WriteResult result = writer.write(List.of(records.read(TestRecords.usage(first, "f-shared", "lot-a", 5)),
                records.read(TestRecords.usage(second, "f-shared", "lot-b", 7))), LedgerWriter.BeforeCommit.NOTHING);

        // then
        assertThat(result.rowsWritten(LedgerTable.USAGE_EVENTS)).isEqualTo(2);
        assertThat(ledger.platformLong("SELECT count(*) FROM ledger.usage_events WHERE finalization_id = 'f-shared'"))
                .isEqualTo(2);
    }

    @Test
    void a_record_that_is_not_valid_for_its_topic_is_rejected_before_the_database() throws Exception {
        // given
        SinkRecord garbage = records.raw(Topics.LEDGER_USAGE_EVENTS.name(), "k",
                "{\"not\":\"a usage event\"}".getBytes(StandardCharsets.UTF_8));

        // when
        WriteResult result = writer.write(List.of(garbage), LedgerWriter.BeforeCommit.NOTHING);

        // then
        assertThat(result.rejects()).singleElement().satisfies(reject -> {
            assertThat(reject.stage()).isEqualTo(Reject.DECODE);
            assertThat(reject.deadLetterTopic()).isEqualTo("ledger.usage-events.dlq.v1");
        });
        assertThat(ledger.platformLong("SELECT count(*) FROM ledger.sink_rejects WHERE stage = 'decode' AND "
                + "source_offset = " + garbage.offset() + " AND record_value = convert_to('{\"not\":\"a usage event\"}', 'UTF8')"))
                .isEqualTo(1);
    }

    @Test
    void a_payment_moves_forward_with_its_accepted_outcomes_and_a_redelivered_older_one_does_not_move_it_back()
            throws Exception {
        // given
        String community = UUID.randomUUID().toString();
        String payment = "8201";
        SinkRecord waiting = records.read(TestRecords.accepted(community, payment, PaymentStatus.WAITING, null, null, 0,
                TestRecords.T0));
        SinkRecord confirming = records.read(TestRecords.accepted(community, payment, PaymentStatus.CONFIRMING,
                PaymentStatus.WAITING, null, 0, TestRecords.T0.plusSeconds(1)));
        SinkRecord finished = records.read(TestRecords.accepted(community, payment, PaymentStatus.FINISHED,
                PaymentStatus.CONFIRMING, "lot-" + payment, 10_500_000, TestRecords.T0.plusSeconds(2)));

        // when
        writer.write(List.of(waiting, confirming), LedgerWriter.BeforeCommit.NOTHING);
        writer.write(List.of(finished), LedgerWriter.BeforeCommit.NOTHING);
        WriteResult redelivered = writer.write(List.of(waiting, confirming), LedgerWriter.BeforeCommit.NOTHING);

        // then
        assertThat(redelivered.rejects()).isEmpty();
        assertThat(ledger.platformRows("SELECT status, mint_outcome, lot_id, credited_micro, first_seen_at = '"
                + TestRecords.T0 + "'::timestamptz FROM ledger.crypto_payments WHERE payment_id = '" + payment + "'"))
                .containsExactly(List.of("finished", "minted", "lot-" + payment, "10500000", "t"));
        assertThat(ledger.platformLong("SELECT count(*) FROM ledger.crypto_payment_outcomes WHERE payment_id = '"
                + payment + "'")).isEqualTo(3);
    }

    @Test
    void a_payment_finished_and_refunded_in_one_batch_after_an_earlier_batch_ends_refunded() throws Exception {
        // given a payment the ledger already shows as confirming
        String community = UUID.randomUUID().toString();
        String payment = "8202";
        SinkRecord confirming = records.read(TestRecords.accepted(community, payment, PaymentStatus.CONFIRMING, null,
                null, 0, TestRecords.T0));
        SinkRecord finished = records.read(TestRecords.accepted(community, payment, PaymentStatus.FINISHED,
                PaymentStatus.CONFIRMING, "lot-" + payment, 10_500_000, TestRecords.T0.plusSeconds(1)));
        SinkRecord refunded = records.read(TestRecords.accepted(community, payment, PaymentStatus.REFUNDED,
                PaymentStatus.FINISHED, "lot-" + payment, 10_500_000, TestRecords.T0.plusSeconds(2)));
        writer.write(List.of(confirming), LedgerWriter.BeforeCommit.NOTHING);

        // when its finishing and its refund arrive in one poll (refunded is reachable from finished only)
        WriteResult result = writer.write(List.of(finished, refunded), LedgerWriter.BeforeCommit.NOTHING);

        // then
        assertThat(result.rejects()).isEmpty();
        assertThat(ledger.platformRows("SELECT status, mint_outcome, lot_id, credited_micro, first_seen_at = '"
                + TestRecords.T0 + "'::timestamptz FROM ledger.crypto_payments WHERE payment_id = '" + payment + "'"))
                .containsExactly(List.of("refunded", "minted", "lot-" + payment, "10500000", "t"));
    }

    @ParameterizedTest
    @EnumSource(MintOutcome.class)
    void every_mint_outcome_the_ledger_decides_is_stored_with_the_payment(MintOutcome mint) throws Exception {
        // given
        String community = UUID.randomUUID().toString();
        String payment = Long.toString(8300 + mint.ordinal());
        PaymentOutcome finished = TestRecords.accepted(community, payment, PaymentStatus.FINISHED, null, null, 0,
                TestRecords.T0);
        PaymentOutcome decided = new PaymentOutcome(finished.outcomeId(), finished.paymentId(), finished.eventId(),
                finished.communityId(), finished.status(), finished.previousStatus(), finished.outcome(), mint,
                finished.lotId(), finished.creditedMicro(), finished.priceAmount(), finished.priceCurrency(),
                finished.orderId(), finished.occurredAt());

        // when
        WriteResult result = writer.write(List.of(records.read(decided)), LedgerWriter.BeforeCommit.NOTHING);

        // then
        assertThat(result.rejects()).isEmpty();
        assertThat(ledger.platformRows("SELECT p.mint_outcome, o.mint_outcome FROM ledger.crypto_payments p"
                + " JOIN ledger.crypto_payment_outcomes o USING (payment_id) WHERE payment_id = '" + payment + "'"))
                .containsExactly(List.of(mint.wireName(), mint.wireName()));
    }

    @Test
    void an_outcome_that_would_move_a_payment_to_another_community_is_refused() throws Exception {
        // given a payment of one community, without a lot
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        String payment = "8251";
        writer.write(List.of(records.read(TestRecords.accepted(first, payment, PaymentStatus.WAITING, null, null, 0,
                TestRecords.T0))), LedgerWriter.BeforeCommit.NOTHING);
        SinkRecord moved = records.read(TestRecords.accepted(second, payment, PaymentStatus.CONFIRMING,
                PaymentStatus.WAITING, null, 0, TestRecords.T0.plusSeconds(1)));
        SinkRecord other = records.read(TestRecords.accepted(second, "8252", PaymentStatus.WAITING, null, null, 0,
                TestRecords.T0.plusSeconds(1)));

        // when
        WriteResult result = writer.write(List.of(moved, other), LedgerWriter.BeforeCommit.NOTHING);

        // then
        assertThat(result.rejects()).extracting(Reject::record).containsExactly(moved);
        assertThat(ledger.platformRows("SELECT payment_id, community_id::text, status FROM ledger.crypto_payments "
                + "WHERE payment_id IN ('8251', '8252') ORDER BY 1"))
                .containsExactly(List.of("8251", first, "waiting"), List.of("8252", second, "waiting"));
    }

    @Test
    void an_operators_actions_are_kept_once_with_their_actor_and_reason_and_a_payment_is_resolved_once()
            throws Exception {
        // given a release of a payment of no community (keyed by its payment), and a second resolution of it
        String payment = "8801";
        OperatorAction release = OperatorAction.of("r-8801", ActionKind.DISMISS, null, payment, null, null,
                "ops@example", "no such order", TestRecords.T0);
        OperatorAction another = OperatorAction.of("r-8801-again", ActionKind.DISMISS, null, payment, null, null,
                "ops@example", "again", TestRecords.T0);
        SinkRecord applied = records.read(ActionOutcome.of(release, ActionResult.APPLIED, null, null, null, 0));

        // when
        WriteResult first = writer.write(List.of(applied, applied), LedgerWriter.BeforeCommit.NOTHING);
        WriteResult second = writer.write(List.of(records.read(ActionOutcome.of(another, ActionResult.APPLIED, null,
                null, null, 0))), LedgerWriter.BeforeCommit.NOTHING);

        // then
        assertThat(first.rejects()).isEmpty();
        assertThat(first.rowsWritten()).containsEntry(LedgerTable.OPERATOR_ACTIONS, 1L);
        assertThat(second.rowsWritten()).containsEntry(LedgerTable.OPERATOR_ACTIONS, 0L);
        assertThat(ledger.platformRows("SELECT actor, reason FROM ledger.operator_actions WHERE payment_id = '"
                + payment + "'")).containsExactly(List.of("ops@example", "no such order"));
    }

    @Test
    void a_global_mode_change_read_from_every_partition_is_one_row_and_shadow_usage_keeps_what_it_waived()
            throws Exception {
        // given the outcome of a global switch, as each of three partitions' tasks emits it, and shadow usage
        OperatorAction global = OperatorAction.chargingMode("incident-7", null, ChargingMode.SHADOW, MintingMode.PAUSED,
                "ops@example", "pricing bug", TestRecords.T0);
        SinkRecord outcome = records.read(ActionOutcome.of(global, ActionResult.APPLIED, null, null, null, 0));
        String community = UUID.randomUUID().toString();
        UsageRecorded shadow = new UsageRecorded("shadow-1", community, "cheap", null, 10, 20, 700, null, null, 0, 0,
                List.of(), ChargingMode.SHADOW, 700L, List.of(new LotDebit("lot-x", 500)), GuardOutcome.PASS,
                "cd".repeat(32), TestRecords.T0, TestRecords.T0);

        // when
        WriteResult result = writer.write(List.of(outcome, outcome, outcome, records.read(shadow)),
                LedgerWriter.BeforeCommit.NOTHING);

        // then
        assertThat(result.rejects()).isEmpty();
        assertThat(ledger.platformRows("SELECT community_id::text, charging, minting, actor FROM ledger.operator_actions"
                + " WHERE action_id = '" + global.actionId() + "'"))
                .containsExactly(java.util.Arrays.asList(null, "shadow", "paused", "ops@example"));
        assertThat(ledger.platformRows("SELECT charging_mode, waived_micro::text, debited_micro::text,"
                + " shadow_debits->0->>'lot_id' FROM ledger.usage_events WHERE finalization_id = 'shadow-1'"))
                .containsExactly(List.of("shadow", "700", "0", "lot-x"));
    }

    @Test
    void a_dead_letter_is_kept_with_its_bytes_and_its_reasons_taken_apart() throws Exception {
        // given a record as the stream processors dead-letter it
        byte[] poison = "{not json".getBytes(StandardCharsets.UTF_8);
        SinkRecord dead = new SinkRecord("usage.finalizations.dlq.v1", 2, 41, TestRecords.T0.toEpochMilli(),
                "k".getBytes(StandardCharsets.UTF_8), poison, List.of(
                        header("dlq.reason", "deserialization: not JSON"), header("dlq.source.topic", "usage.finalizations.v1"),
                        header("dlq.source.partition", "3"), header("dlq.source.offset", "77"),
                        header("dlq.failed.at", "2026-11-01T00:00:01Z"), header("dlq.exception", "x.Y")));

        // when
        writer.write(List.of(dead), LedgerWriter.BeforeCommit.NOTHING);

        // then
        assertThat(ledger.platformRows("SELECT source_topic, source_partition, source_offset, reason, exception, "
                + "failed_at = '2026-11-01T00:00:01Z'::timestamptz, record_value = '\\x7b6e6f74206a736f6e'::bytea, "
                + "headers ->> 'dlq.reason' FROM ledger.dead_letters WHERE dlq_topic = 'usage.finalizations.dlq.v1' "
                + "AND dlq_partition = 2 AND dlq_offset = 41"))
                .containsExactly(List.of("usage.finalizations.v1", "3", "77", "deserialization: not JSON", "x.Y", "t", "t",
                        "deserialization: not JSON"));
    }

    @Test
    void when_dead_lettering_fails_nothing_of_the_batch_is_committed() throws Exception {
        // given a batch with one reject, and a dead-letter step that fails
        String community = UUID.randomUUID().toString();
        List<SinkRecord> batch = List.of(
                records.read(TestRecords.usage(community, "f-lost-" + community, "lot-none", 5)),
                records.raw(Topics.LEDGER_ENTRIES.name(), "k", new byte[] {1, 2, 3}));

        // when / then
        assertThatThrownBy(() -> writer.write(batch, rejects -> {
            throw new IllegalStateException("broker down");
        })).isInstanceOfSatisfying(WriteFailure.class, failure -> assertThat(failure.kind()).isEqualTo(FailureKind.TRANSIENT));
        assertThat(ledger.platformLong("SELECT count(*) FROM ledger.usage_events WHERE community_id = '"
                + community + "'")).isZero();
        assertThat(ledger.platformLong("SELECT count(*) FROM ledger.sink_rejects WHERE source_offset = "
                + batch.get(1).offset())).isZero();
    }

    @Test
    void the_aggregates_add_exactly_what_was_inserted_once_and_refuse_to_shrink_or_go() throws Exception {
        // given a lot, two debits and their usage, written twice (a redelivery), and one more usage later
        String community = UUID.randomUUID().toString();
        String lot = "lot-agg-" + community;
        List<SinkRecord> batch = List.of(records.read(TestRecords.mint(community, lot, "8401", 5_000_000)),
                records.read(TestRecords.debit(community, lot, "8401", "f-agg-1", 300)),
                records.read(TestRecords.usage(community, "f-agg-1", lot, 300)),
                records.read(TestRecords.debit(community, lot, "8401", "f-agg-2", 200)),
                records.read(TestRecords.usage(community, "f-agg-2", lot, 200)));

        // when
        writer.write(batch, LedgerWriter.BeforeCommit.NOTHING);
        writer.write(batch, LedgerWriter.BeforeCommit.NOTHING);
        writer.write(List.of(records.read(TestRecords.debit(community, lot, "8401", "f-agg-3", 50)),
                records.read(TestRecords.usage(community, "f-agg-3", lot, 50))), LedgerWriter.BeforeCommit.NOTHING);

        // then: the aggregates equal the raw rows summed afresh
        assertThat(ledger.platformRows("SELECT events::text, amount_micro::text, debited_micro::text,"
                + " tokens_input::text FROM ledger.usage_hourly WHERE community_id = '" + community + "'"))
                .containsExactly(ledger.platformRows("SELECT count(*)::text, sum(amount_micro)::text,"
                        + " sum(debited_micro)::text, sum(tokens_input)::text FROM ledger.usage_events"
                        + " WHERE community_id = '" + community + "'").get(0))
                .containsExactly(List.of("3", "550", "550", "300"));
        assertThat(ledger.platformRows("SELECT nft_id, events::text, amount_micro::text FROM ledger.usage_nft_hourly"
                + " WHERE community_id = '" + community + "'")).containsExactly(List.of("nft-1", "3", "550"));
        assertThat(ledger.platformRows("SELECT entries::text, minted_micro::text, debited_micro::text, expired, revoked"
                + " FROM ledger.lot_totals WHERE lot_id = '" + lot + "'"))
                .containsExactly(List.of("4", "5000000", "550", "f", "f"));
        // and nothing may shrink or delete them, not even their owner
        try (Connection connection = ledger.database().connect(); Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.execute("UPDATE ledger.lot_totals SET debited_micro = 0 WHERE lot_id = '"
                    + lot + "'")).hasMessageContaining("may only grow");
            assertThatThrownBy(() -> statement.execute("DELETE FROM ledger.usage_hourly WHERE community_id = '"
                    + community + "'")).hasMessageContaining("append-only");
        }
    }

    @Test
    void each_block_with_usage_checkpoints_every_nfts_usage_before_it_late_arrivals_included() throws Exception {
        // given usage over three days in batches out of receipt order: a block's first usage, more in
        // the same block, a later block, then arrivals late for the blocks already checkpointed, one
        // of them into a block that had no usage yet, and an NFT seen first in a late arrival
        String community = UUID.randomUUID().toString();
        String lot = "lot-cp-" + community;
        writer.write(List.of(records.read(TestRecords.mint(community, lot, "8501", 900_000_000))),
                LedgerWriter.BeforeCommit.NOTHING);
        int[][] batches = {{0, 1, 2}, {3, 5}, {30, 31, 49}, {7, 26}, {13, 2}, {50, 12, 70}};
        int written = 0;
        for (int[] hours : batches) {
            List<SinkRecord> batch = new ArrayList<>();
            for (int hour : hours) {
                written++;
                String finalization = "f-cp-" + written + "-" + community;
                String nft = hour == 13 ? "nft-late" : "nft-" + written % 3;
                Instant at = TestRecords.T0.plus(Duration.ofHours(hour)).plusSeconds(written);
                UsageRecorded usage = TestRecords.usage(community, finalization, lot, 100 + written);
                batch.add(records.read(TestRecords.debit(community, lot, "8501", finalization, 100 + written)));
                batch.add(records.read(new UsageRecorded(usage.finalizationId(), community, usage.poolId(), nft,
                        usage.tokensInput(), usage.tokensOutput(), usage.amountMicro(), null, null,
                        usage.debitedMicro(), 0, usage.debits(), usage.chargingMode(), 0L, List.of(),
                        usage.guardResult(), usage.contentHash(), at, at)));
            }
            writer.write(batch, LedgerWriter.BeforeCommit.NOTHING);
        }

        // then: for each 6-hour block with usage, every NFT's usage received before it, and nothing else
        String expected = "SELECT b.block::text, COALESCE(u.nft_id, ''), count(*)::text, sum(u.amount_micro)::text "
                + "FROM (SELECT DISTINCT date_bin('6 hours', created_at, timestamptz '2000-01-01Z') AS block "
                + "      FROM ledger.usage_events"
                + "      WHERE community_id = '" + community + "') b "
                + "JOIN ledger.usage_events u ON u.community_id = '" + community + "' AND u.created_at < b.block "
                + "GROUP BY 1, 2 ORDER BY 1, 2";
        String kept = "SELECT hour::text, nft_id, events::text, amount_micro::text FROM ledger.usage_nft_checkpoints "
                + "WHERE community_id = '" + community + "' ORDER BY 1, 2";
        List<List<String>> checkpoints = ledger.platformRows(kept);
        assertThat(checkpoints).hasSizeGreaterThan(8).isEqualTo(ledger.platformRows(expected));
        assertThat(ledger.platformRows("SELECT hour::text, nft_id, events::text, amount_micro::text "
                + "FROM ledger.usage_nft_hourly WHERE community_id = '" + community + "' ORDER BY 1, 2"))
                .isEqualTo(ledger.platformRows("SELECT (date_trunc('hour', created_at AT TIME ZONE 'UTC') AT TIME ZONE "
                        + "'UTC')::text, COALESCE(nft_id, ''), count(*)::text, sum(amount_micro)::text "
                        + "FROM ledger.usage_events WHERE community_id = '" + community + "' GROUP BY 1, 2 ORDER BY 1, 2"));
    }

    @Test
    void verified_and_quarantined_webhooks_are_kept_once_per_event() throws Exception {
        // given
        var ipn = TestRecords.ipn(8301, "waiting");
        var quarantined = new IpnQuarantined(TestRecords.sha256("q-8301"), null, "unknown_status: teleported",
                TestRecords.T0, "{\"payment_status\":\"teleported\"}");
        List<SinkRecord> batch = List.of(records.read(Topics.PAYMENTS_IPN, ipn.paymentId(), ipn),
                records.read(Topics.PAYMENTS_IPN_QUARANTINE, quarantined.key(), quarantined));

        // when
        writer.write(batch, LedgerWriter.BeforeCommit.NOTHING);
        writer.write(batch, LedgerWriter.BeforeCommit.NOTHING);

        // then
        assertThat(ledger.platformRows("SELECT event_id, quarantine_reason, canonical FROM ledger.webhook_events "
                + "WHERE event_id IN ('" + ipn.eventId() + "', '" + quarantined.eventId() + "') ORDER BY quarantine_reason"))
                .containsExactly(
                        java.util.Arrays.asList(quarantined.eventId(), "unknown_status: teleported", quarantined.canonical()),
                        java.util.Arrays.asList(ipn.eventId(), null, ipn.canonical()));
    }

    private List<SinkRecord> everyKind(String community, long payment) {
        String lot = "lot-" + payment;
        String paymentId = Long.toString(payment);
        var ipn = TestRecords.ipn(payment, "finished");
        var quarantined = new IpnQuarantined(TestRecords.sha256("q" + payment), paymentId, "unknown_status: x",
                TestRecords.T0, "{\"payment_status\":\"x\"}");
        return List.of(
                records.read(Topics.PAYMENTS_IPN, paymentId, ipn),
                records.read(Topics.PAYMENTS_IPN_QUARANTINE, quarantined.key(), quarantined),
                records.read(TestRecords.accepted(community, paymentId, PaymentStatus.FINISHED, null, lot, 10_000_000,
                        TestRecords.T0)),
                records.read(TestRecords.mint(community, lot, paymentId, 10_000_000)),
                records.read(TestRecords.debit(community, lot, paymentId, "f-" + payment, 250_000)),
                records.read(TestRecords.usage(community, "f-" + payment, lot, 250_000)),
                records.read(TestRecords.violation(community, "f-" + payment)),
                records.read(ActionOutcome.of(OperatorAction.of("dismiss-" + payment, ActionKind.DISMISS, null,
                        paymentId, null, null, "ops", "paid twice by mistake", TestRecords.T0), ActionResult.APPLIED,
                        null, community, null, 0)),
                records.raw("ledger.entries.dlq.v1", "k", "x".getBytes(StandardCharsets.UTF_8)));
    }

    private static Map<String, List<List<String>>> snapshot() throws SQLException {
        Map<String, List<List<String>>> tables = new TreeMap<>();
        for (LedgerTable table : LedgerTable.values()) {
            tables.put(table.tableName(), ledger.contents(table.tableName()));
        }
        return tables;
    }

    private static SinkRecord.Header header(String name, String value) {
        return new SinkRecord.Header(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
