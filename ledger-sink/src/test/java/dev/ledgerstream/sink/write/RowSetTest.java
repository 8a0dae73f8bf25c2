package dev.ledgerstream.sink.write;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerstream.schemas.PaymentStatus;
import dev.ledgerstream.schemas.ledger.EntryType;
import dev.ledgerstream.schemas.ledger.LedgerEntry;
import dev.ledgerstream.schemas.ledger.LotSource;
import dev.ledgerstream.schemas.ledger.MintOutcome;
import dev.ledgerstream.schemas.ledger.PaymentOutcome;
import dev.ledgerstream.schemas.ledger.TransitionOutcome;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class RowSetTest {

    private static final String COMMUNITY = "3f1c2a4b-0000-4000-8000-000000000001";
    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

    @Test
    void a_payments_accepted_outcomes_fold_into_one_row_up_to_finished_then_a_refund_is_a_later_step_and_every_outcome_stays_in_the_history() {
        // given
        List<Decoded> outcomes = List.of(
                outcome(PaymentStatus.WAITING, null, TransitionOutcome.ACCEPTED, null, null, 0, 0),
                outcome(PaymentStatus.FINISHED, PaymentStatus.WAITING, TransitionOutcome.ACCEPTED, MintOutcome.MINTED,
                        "lot-1", 10_500_000, 1),
                outcome(PaymentStatus.CONFIRMING, PaymentStatus.FINISHED, TransitionOutcome.STALE, null, "lot-1",
                        10_500_000, 2),
                outcome(PaymentStatus.REFUNDED, PaymentStatus.FINISHED, TransitionOutcome.ACCEPTED, null, "lot-1",
                        10_500_000, 3));

        // when
        RowSet set = RowSet.of(outcomes);
        Map<LedgerTable, List<Row>> rows = set.rows();
        RowSet later = set.laterSteps();

        // then
        assertThat(rows.get(LedgerTable.CRYPTO_PAYMENT_OUTCOMES)).hasSize(4);
        assertThat(rows.get(LedgerTable.CRYPTO_PAYMENTS)).singleElement().satisfies(row -> {
            assertThat(row.communityId()).isEqualTo(COMMUNITY);
            assertThat(Arrays.asList(row.values())).containsExactly("42", COMMUNITY, "finished", "minted", "lot-1",
                    10_500_000L, "10", "usd", COMMUNITY + ":pack", "e1".repeat(32), T0, T0.plusSeconds(1));
        });
        assertThat(later.rows()).containsOnlyKeys(LedgerTable.CRYPTO_PAYMENTS);
        assertThat(later.rows().get(LedgerTable.CRYPTO_PAYMENTS)).singleElement().satisfies(row ->
                assertThat(Arrays.asList(row.values())).containsExactly("42", COMMUNITY, "refunded", "minted", "lot-1",
                        10_500_000L, "10", "usd", COMMUNITY + ":pack", "e3".repeat(32), T0, T0.plusSeconds(3)));
        assertThat(later.laterSteps().isEmpty()).isTrue();
    }

    @Test
    void a_minted_lot_is_a_credit_lot_and_its_first_entry() {
        // given
        LedgerEntry mint = new LedgerEntry("mint:lot-1", COMMUNITY, "lot-1", EntryType.LOT_MINTED, 5_000_000,
                LotSource.PAYMENT, "42", null, null, T0, null, T0);

        // when
        Map<LedgerTable, List<Row>> rows = RowSet.of(List.of(decoded("ledger.entries.v1", mint))).rows();

        // then
        assertThat(rows).containsOnlyKeys(LedgerTable.CREDIT_LOTS, LedgerTable.LOT_ENTRIES);
        assertThat(Arrays.asList(rows.get(LedgerTable.CREDIT_LOTS).get(0).values()))
                .containsExactly("lot-1", COMMUNITY, "payment", "42", null, 5_000_000L, T0, null);
    }

    @Test
    void a_dead_letters_headers_are_taken_apart_where_they_parse_and_kept_whole_anyway() {
        // given
        SinkRecord dead = new SinkRecord("ledger.entries.dlq.v1", 1, 9, T0.toEpochMilli(), null, new byte[] {1},
                List.of(header("dlq.reason", "processing: boom"), header("dlq.source.offset", "not a number"),
                        header("dlq.failed.at", "yesterday"), new SinkRecord.Header("other", null)));

        // when
        Row row = RowSet.of(List.of(new Decoded(dead, null))).rows().get(LedgerTable.DEAD_LETTERS).get(0);

        // then
        assertThat(Arrays.asList(row.values()).subList(0, 9)).containsExactly("ledger.entries.dlq.v1", 1, 9L, null,
                null, null, "processing: boom", null, null);
        assertThat(((Row.Jsonb) row.values()[11]).text()).isEqualTo(
                "{\"dlq.reason\":\"processing: boom\",\"dlq.source.offset\":\"not a number\","
                        + "\"dlq.failed.at\":\"yesterday\",\"other\":null}");
    }

    private static Decoded outcome(PaymentStatus status, PaymentStatus previous, TransitionOutcome outcome,
            MintOutcome mint, String lotId, long creditedMicro, int second) {
        String eventId = ("e" + second).repeat(32);
        return decoded("ledger.payments.v1", new PaymentOutcome("payment:42:" + eventId + ":" + outcome.wireName(), "42",
                eventId, COMMUNITY, status, previous, outcome, mint, lotId, creditedMicro, "10", "usd",
                COMMUNITY + ":pack", T0.plusSeconds(second)));
    }

    private static Decoded decoded(String topic, Object value) {
        return new Decoded(new SinkRecord(topic, 0, 0, 0, null, new byte[0], List.of()), value);
    }

    private static SinkRecord.Header header(String name, String value) {
        return new SinkRecord.Header(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
