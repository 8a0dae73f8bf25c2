package dev.ledgerstream.schemas.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ledgerstream.schemas.LedgerJson;
import dev.ledgerstream.schemas.PaymentStatus;
import dev.ledgerstream.schemas.TopicSpec;
import dev.ledgerstream.schemas.Topics;
import dev.ledgerstream.schemas.ingest.ChargingMode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class LedgerRecordsTest {

    static final String COMMUNITY = "3f1c2b9e-8d4a-4c6b-9e2f-1a7d5c3b8e60";
    static final String EVENT_ID = "e".repeat(64);
    static final String HASH = "a".repeat(64);
    static final Instant AT = Instant.parse("2026-11-22T10:15:30.123Z");

    static PaymentOutcome outcome() {
        return new PaymentOutcome("payment:7:" + EVENT_ID + ":accepted", "7", EVENT_ID, COMMUNITY,
                PaymentStatus.PARTIALLY_PAID, null, TransitionOutcome.ACCEPTED, MintOutcome.PARTIALLY_PAID, null, 0,
                "10.5", "usd", COMMUNITY + ":standard", AT);
    }

    static LedgerEntry minted() {
        return new LedgerEntry("mint:lot-1", COMMUNITY, "lot-1", EntryType.LOT_MINTED, 10_500_000, LotSource.PAYMENT,
                "7", null, null, AT, null, AT);
    }

    static UsageRecorded usage() {
        return new UsageRecorded("fin-1", COMMUNITY, "cheap", null, 10, 20, Long.MAX_VALUE, null, null, 5, Long.MAX_VALUE - 5,
                List.of(new LotDebit("lot-1", 5)), ChargingMode.LIVE, 0L, List.of(), GuardOutcome.FAIL, HASH, AT, AT);
    }

    static GuardViolation violation() {
        return new GuardViolation("violation:I-12:abc", Invariant.I_12, null, Map.of("b", "2", "a", "1"), AT);
    }

    static JsonNode json(Object record) {
        return LedgerJson.mapper().valueToTree(record);
    }

    @Test
    void records_are_written_in_snake_case_with_wire_names_and_without_nulls_or_keys() {
        // when
        JsonNode payment = json(outcome());
        JsonNode entry = json(minted());
        JsonNode violation = json(violation());

        // then
        assertThat(payment.get("status").asString()).isEqualTo("partially_paid");
        assertThat(payment.get("outcome").asString()).isEqualTo("accepted");
        assertThat(payment.get("mint_outcome").asString()).isEqualTo("partially_paid");
        assertThat(payment.get("credited_micro").asLong()).isZero();
        assertThat(payment.has("previous_status")).isFalse();
        assertThat(payment.has("key")).isFalse();
        assertThat(entry.get("type").asString()).isEqualTo("lot_minted");
        assertThat(entry.get("lot_source").asString()).isEqualTo("payment");
        assertThat(entry.get("occurred_at").asString()).isEqualTo("2026-11-22T10:15:30.123Z");
        assertThat(violation.get("invariant").asString()).isEqualTo("I-12");
    }

    @Test
    void money_is_written_as_an_exact_integer() {
        // when
        JsonNode usage = json(usage());

        // then
        assertThat(usage.get("amount_micro").isIntegralNumber()).isTrue();
        assertThat(usage.get("amount_micro").asLong()).isEqualTo(Long.MAX_VALUE);
        assertThat(usage.get("guard_result").asString()).isEqualTo("fail");
        assertThat(usage.get("debits").get(0).get("lot_id").asString()).isEqualTo("lot-1");
    }

    @Test
    void every_record_survives_a_json_round_trip() {
        for (LedgerRecord record : List.of(outcome(), minted(), usage(), violation())) {
            // when
            byte[] bytes = LedgerJson.mapper().writeValueAsBytes(record);
            Object read = LedgerJson.mapper().readValue(bytes, record.getClass());

            // then
            assertThat(read).isEqualTo(record);
        }
    }

    @Test
    void each_record_is_keyed_as_its_topic_requires() {
        assertThat(outcome().key()).isEqualTo("7");
        assertThat(minted().key()).isEqualTo(COMMUNITY);
        assertThat(usage().key()).isEqualTo(COMMUNITY);
        assertThat(violation().key()).isEqualTo(GuardViolation.SYSTEM_KEY);
    }

    @Test
    void violation_details_render_in_a_stable_order() {
        assertThat(violation().details().keySet()).containsExactly("a", "b");
        assertThat(violation().toString()).contains("{a=1, b=2}");
    }

    @Test
    void invalid_records_cannot_be_built() {
        assertThatThrownBy(() -> new LedgerEntry("mint:lot-1", COMMUNITY.toUpperCase(), "lot-1", EntryType.LOT_MINTED,
                1, LotSource.PAYMENT, "7", null, null, AT, null, AT)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LedgerEntry("debit:x", COMMUNITY, "lot-1", EntryType.LOT_DEBITED,
                1, LotSource.PAYMENT, "7", null, null, null, null, AT)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LedgerEntry("mint:lot-1", COMMUNITY, "lot-1", EntryType.LOT_MINTED,
                -1, LotSource.PAYMENT, "7", null, null, AT, null, AT)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LedgerEntry("mint:lot-1", COMMUNITY, "lot-1", EntryType.LOT_MINTED,
                1, LotSource.GRANT, "7", null, null, AT, null, AT)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LotDebit("lot-1", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PaymentOutcome("o", "7", EVENT_ID, null, PaymentStatus.FINISHED, null,
                TransitionOutcome.STALE, MintOutcome.MINTED, "lot-1", 5, "5", "usd", "x", AT))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PaymentOutcome("o", "7", EVENT_ID, null, PaymentStatus.FINISHED, null,
                TransitionOutcome.ACCEPTED, MintOutcome.MINTED, "lot-1", 0, "5", "usd", "x", AT))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unknown_wire_names_are_rejected() {
        assertThatThrownBy(() -> Invariant.ofWireName("I-15")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EntryType.ofWireName("LOT_MINTED")).isInstanceOf(IllegalArgumentException.class);
        assertThat(Invariant.ofWireName("I-6")).isEqualTo(Invariant.I_6);
    }

    @Test
    void each_record_type_has_exactly_one_ledger_topic_whose_serde_reads_its_bytes_back() {
        // given
        Map<LedgerRecord, TopicSpec<String, ?>> expected = Map.of(
                outcome(), Topics.LEDGER_PAYMENTS,
                minted(), Topics.LEDGER_ENTRIES,
                usage(), Topics.LEDGER_USAGE_EVENTS,
                violation(), Topics.LEDGER_GUARD_VIOLATIONS);

        // when / then
        expected.forEach((record, topic) -> {
            assertThat(Topics.of(record)).isSameAs(topic);
            assertThat(topic.valueSerde().fromBytes(Topics.valueBytes(record))).isEqualTo(record);
        });
    }
}
