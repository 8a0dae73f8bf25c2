package dev.ledgerstream.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerstream.reconcile.LedgerRow.Kind;
import java.util.List;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ComparisonTest {

    private static final String A = "0a9f8d5c-1b2e-4c3d-8e4f-5a6b7c8d9e0f";
    private static final String B = "1b9f8d5c-1b2e-4c3d-8e4f-5a6b7c8d9e0f";

    @Test
    void a_row_survives_its_canonical_line_even_with_separators_in_its_values() {
        // given
        LedgerRow row = LedgerRow.of(Kind.OUTCOME, "", "payment:1:e:accepted").text("community_id", A)
                .text("order_id", "x|y=1:2").text("lot_id", null).micro("credited_micro", 5L).build();

        // when
        LedgerRow back = LedgerRow.decode(row.encode());

        // then
        assertThat(back).isEqualTo(row);
        assertThat(back.communityId()).isEmpty();
        assertThat(back.fields()).containsEntry("community_id", A).containsEntry("lot_id", null);
    }

    @Test
    void times_are_rounded_to_microseconds_as_postgresql_stores_them() {
        // then
        assertThat(LedgerRow.asStored(java.time.Instant.parse("2026-11-22T05:32:18.681427999Z")))
                .isEqualTo(java.time.Instant.parse("2026-11-22T05:32:18.681428Z"));
        assertThat(LedgerRow.asStored(java.time.Instant.parse("2026-11-22T05:32:18.681427499Z")))
                .isEqualTo(java.time.Instant.parse("2026-11-22T05:32:18.681427Z"));
        assertThat(LedgerRow.asStored(java.time.Instant.parse("2026-11-22T05:32:18.999999999Z")))
                .isEqualTo(java.time.Instant.parse("2026-11-22T05:32:19Z"));
        assertThat(LedgerRow.asStored(java.time.Instant.parse("2026-11-22T05:32:18.000001500Z")))
                .isEqualTo(java.time.Instant.parse("2026-11-22T05:32:18.000002Z"));
        assertThat(LedgerRow.asStored(java.time.Instant.parse("2026-11-22T05:32:18.000002500Z")))
                .isEqualTo(java.time.Instant.parse("2026-11-22T05:32:18.000002Z"));
    }

    @Test
    void equal_sides_have_no_difference_and_equal_digests() {
        // given
        Comparison comparison = new Comparison();

        // when
        comparison.compare(Kind.ENTRY, List.of(entry(A, "e1", 5), entry(B, "e1", 7)).iterator(),
                List.of(entry(A, "e1", 5), entry(B, "e1", 7)).iterator());
        comparison.finish();

        // then
        assertThat(comparison.differences()).isZero();
        assertThat(comparison.communities()).containsExactly(A, B);
        assertThat(comparison.digests().values()).allMatch(Comparison.Digests::match);
        assertThat(comparison.digests().get(A).ledger()).isNotEqualTo(comparison.digests().get(B).ledger());
    }

    @Test
    void a_changed_field_and_a_row_on_one_side_are_reported_with_their_community() {
        // given
        Comparison comparison = new Comparison();

        // when
        comparison.compare(Kind.ENTRY, List.of(entry(A, "e1", 6), entry(A, "e2", 1)).iterator(),
                List.of(entry(A, "e1", 5), entry(B, "e3", 1)).iterator());
        comparison.finish();

        // then
        assertThat(comparison.kept()).containsExactly(
                new Difference("lot_entries", A, "e1", "amount_micro", "6", "5"),
                new Difference("lot_entries", A, "e2", "row", "present", "missing"),
                new Difference("lot_entries", B, "e3", "row", "missing", "present"));
        assertThat(comparison.digests().get(A).match()).isFalse();
        assertThat(comparison.digests().get(B).match()).isFalse();
    }

    @Test
    void balances_and_usage_by_pool_are_compared_per_community() {
        // given
        Comparison comparison = new Comparison();

        // when
        comparison.compare(Kind.USAGE, List.of(usage(A, "f1", "cheap", 10)).iterator(),
                List.of(usage(A, "f1", "cheap", 10), usage(A, "f2", "cheap", 4)).iterator());
        comparison.compare(Kind.LOT, List.of(lot(A, "l1", 90)).iterator(), List.of(lot(A, "l1", 86)).iterator());
        comparison.finish();

        // then
        assertThat(comparison.kept()).contains(
                new Difference("usage_events", A, "f2", "row", "missing", "present"),
                new Difference("lot_balances", A, "l1", "remaining_micro", "90", "86"),
                new Difference("balance", A, A, "balance_micro", "90", "86"),
                new Difference("usage_by_pool", A, "cheap", "events", "1", "2"),
                new Difference("usage_by_pool", A, "cheap", "amount_micro", "10", "14"));
    }

    private static LedgerRow entry(String community, String id, long amount) {
        return LedgerRow.of(Kind.ENTRY, community, id).text("lot_id", "l1").micro("amount_micro", amount).build();
    }

    private static LedgerRow usage(String community, String id, String pool, long amount) {
        return LedgerRow.of(Kind.USAGE, community, id).text("pool_id", pool).micro("tokens_input", 1)
                .micro("tokens_output", 1).micro("amount_micro", amount).micro("debited_micro", amount)
                .micro("unfunded_micro", 0).micro("waived_micro", 0).build();
    }

    private static LedgerRow lot(String community, String id, long remaining) {
        return LedgerRow.of(Kind.LOT, community, id).micro("remaining_micro", remaining).build();
    }
}
