package dev.ledgerstream.ledger.guard;

import static dev.ledgerstream.ledger.testing.LedgerFixtures.COMMUNITY_A;
import static dev.ledgerstream.ledger.testing.LedgerFixtures.COMMUNITY_B;
import static dev.ledgerstream.ledger.testing.LedgerFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerstream.schemas.PaymentStatus;
import dev.ledgerstream.schemas.ingest.ChargingMode;
import dev.ledgerstream.schemas.ledger.EntryType;
import dev.ledgerstream.schemas.ledger.GuardOutcome;
import dev.ledgerstream.schemas.ledger.GuardViolation;
import dev.ledgerstream.schemas.ledger.Invariant;
import dev.ledgerstream.schemas.ledger.LedgerEntry;
import dev.ledgerstream.schemas.ledger.LotDebit;
import dev.ledgerstream.schemas.ledger.LotSource;
import dev.ledgerstream.schemas.ledger.UsageRecorded;
import java.util.List;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * The guard against ledgers the ledger code could never produce: the views here are free to be
 * broken, which is exactly what the guard must catch.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ConservationGuardTest {

    record TestLot(String lotId, String communityId, long mintedMicro, long remainingMicro, long debitedMicro,
            long expiredMicro, long revokedMicro) implements LotBalance {
    }

    record TestBook(String communityId, List<TestLot> lots, long mintedMicro, long debitedMicro, long expiredMicro,
            long revokedMicro, long balanceMicro) implements LedgerBook {
    }

    static final GuardContext CONTEXT = new GuardContext(COMMUNITY_A, "test:1", T0);
    static final String HASH = "c".repeat(64);

    static TestBook book(TestLot... lots) {
        LedgerTotals sum = LedgerTotals.ZERO;
        for (TestLot lot : lots) {
            sum = sum.plus(new LedgerTotals(lot.mintedMicro(), lot.remainingMicro(), lot.debitedMicro(),
                    lot.expiredMicro(), lot.revokedMicro()));
        }
        return new TestBook(COMMUNITY_A, List.of(lots), sum.mintedMicro(), sum.debitedMicro(), sum.expiredMicro(),
                sum.revokedMicro(), sum.balanceMicro());
    }

    static LedgerEntry debitEntry(String communityId, String lotId) {
        return new LedgerEntry("debit:f:" + lotId, communityId, lotId, EntryType.LOT_DEBITED, 1, LotSource.GRANT, null,
                "g", "f", null, null, T0);
    }

    static UsageRecorded usage(long amount, Long reserved, long debited, long unfunded, List<LotDebit> debits) {
        return new UsageRecorded("f", COMMUNITY_A, "cheap", null, 1, 1, amount, null, reserved, debited, unfunded,
                debits, ChargingMode.LIVE, 0L, List.of(), GuardOutcome.PASS, HASH, T0, T0);
    }


    static List<Invariant> failed(GuardResult result) {
        return result.violations().stream().map(GuardViolation::invariant).toList();
    }

    @Test
    void a_consistent_book_passes_i1_i9_i2_and_i11() {
        // given
        TestBook book = book(new TestLot("l1", COMMUNITY_A, 10, 4, 3, 2, 1), new TestLot("l2", COMMUNITY_A, 5, 5, 0, 0, 0));

        // when
        GuardResult result = ConservationGuard.checkWholeBook(book, List.of(debitEntry(COMMUNITY_A, "l1")), CONTEXT);

        // then
        assertThat(result.checks()).extracting(GuardCheck::invariant)
                .containsExactly(Invariant.I_1, Invariant.I_9, Invariant.I_2, Invariant.I_11);
        assertThat(result.passed()).isTrue();
        assertThat(result.outcome()).isEqualTo(GuardOutcome.PASS);
    }

    @Test
    void a_negative_remaining_balance_fails_i1() {
        // given
        TestBook book = book(new TestLot("l1", COMMUNITY_A, 10, -1, 11, 0, 0));

        // when / then
        assertThat(failed(ConservationGuard.checkWholeBook(book, List.of(), CONTEXT))).containsExactly(Invariant.I_1);
    }

    @Test
    void a_lot_whose_remaining_disagrees_with_its_history_fails_i2() {
        // given
        TestBook book = book(new TestLot("l1", COMMUNITY_A, 10, 5, 3, 0, 0));

        // when
        GuardResult result = ConservationGuard.checkWholeBook(book, List.of(), CONTEXT);

        // then
        assertThat(failed(result)).containsExactly(Invariant.I_2);
        assertThat(result.violations().get(0).details()).containsEntry("lot_id", "l1").containsEntry("remaining_micro", "5");
    }

    @Test
    void community_totals_that_disagree_with_the_lots_fail_i2() {
        // given
        TestBook book = new TestBook(COMMUNITY_A, List.of(new TestLot("l1", COMMUNITY_A, 10, 10, 0, 0, 0)),
                10, 0, 0, 0, 9);

        // when / then
        assertThat(failed(ConservationGuard.checkWholeBook(book, List.of(), CONTEXT))).containsExactly(Invariant.I_2);
    }

    @Test
    void totals_that_moved_by_more_than_the_touched_lots_fail_i2_whatever_the_untouched_lots() {
        // given a book whose totals already held 7 minted before the operation, and one new lot of 10
        TestLot untouched = new TestLot("old", COMMUNITY_A, 7, 7, 0, 0, 0);
        TestLot created = new TestLot("new", COMMUNITY_A, 10, 10, 0, 0, 0);
        TestBook right = new TestBook(COMMUNITY_A, List.of(untouched, created), 17, 0, 0, 0, 17);
        TestBook wrong = new TestBook(COMMUNITY_A, List.of(untouched, created), 18, 0, 0, 0, 17);
        LedgerTotals before = new LedgerTotals(7, 7, 0, 0, 0);
        List<LotChange> changes = List.of(new LotChange(null, created));

        // when / then
        assertThat(ConservationGuard.checkBook(right, before, changes, List.of(), CONTEXT).passed()).isTrue();
        assertThat(failed(ConservationGuard.checkBook(wrong, before, changes, List.of(), CONTEXT)))
                .containsExactly(Invariant.I_2);
    }

    @Test
    void a_balance_the_open_lots_do_not_hold_fails_i2() {
        // given totals consistent with the change, but an open lot missing from the book
        TestLot created = new TestLot("new", COMMUNITY_A, 10, 10, 0, 0, 0);
        TestBook book = new TestBook(COMMUNITY_A, List.of(), 10, 0, 0, 0, 10);

        // when / then
        assertThat(failed(ConservationGuard.checkBook(book, LedgerTotals.ZERO, List.of(new LotChange(null, created)),
                List.of(), CONTEXT))).containsExactly(Invariant.I_2);
    }

    @Test
    void sums_that_overflow_fail_i9_instead_of_throwing() {
        // given
        TestLot huge = new TestLot("l1", COMMUNITY_A, Long.MAX_VALUE, Long.MAX_VALUE, 0, 0, 0);
        TestBook book = new TestBook(COMMUNITY_A, List.of(huge, new TestLot("l2", COMMUNITY_A, 1, 1, 0, 0, 0)),
                Long.MAX_VALUE, 0, 0, 0, Long.MAX_VALUE);

        // when
        GuardResult result = ConservationGuard.checkWholeBook(book, List.of(), CONTEXT);

        // then
        assertThat(failed(result)).containsExactly(Invariant.I_9);
        assertThat(result.checks()).extracting(GuardCheck::invariant).doesNotContain(Invariant.I_2);
    }

    @Test
    void a_negative_amount_other_than_remaining_fails_i9() {
        // given
        TestBook book = book(new TestLot("l1", COMMUNITY_A, 10, 12, -2, 0, 0));

        // when / then
        assertThat(failed(ConservationGuard.checkWholeBook(book, List.of(), CONTEXT))).containsExactly(Invariant.I_9);
    }

    @Test
    void an_entry_carrying_another_community_or_an_unknown_lot_fails_i11() {
        // given
        TestBook book = book(new TestLot("l1", COMMUNITY_A, 10, 10, 0, 0, 0));

        // when / then
        assertThat(failed(ConservationGuard.checkWholeBook(book, List.of(debitEntry(COMMUNITY_B, "l1")), CONTEXT)))
                .containsExactly(Invariant.I_11);
        assertThat(failed(ConservationGuard.checkWholeBook(book, List.of(debitEntry(COMMUNITY_A, "nope")), CONTEXT)))
                .containsExactly(Invariant.I_11);
    }

    @Test
    void usage_whose_debits_and_unfunded_do_not_add_up_fails_i3() {
        // when
        GuardResult result = ConservationGuard.checkUsage(usage(10, null, 7, 0, List.of(new LotDebit("l1", 7))), CONTEXT);

        // then
        assertThat(failed(result)).containsExactly(Invariant.I_3);
    }

    @Test
    void usage_whose_debits_overflow_fails_i9() {
        // given
        List<LotDebit> debits = List.of(new LotDebit("l1", Long.MAX_VALUE), new LotDebit("l2", 1));

        // when / then
        assertThat(failed(ConservationGuard.checkUsage(usage(10, null, 10, 0, debits), CONTEXT)))
                .containsExactly(Invariant.I_9);
    }

    @Test
    void usage_above_its_reservation_fails_i10_and_unfunded_usage_fails_i12() {
        // when
        GuardResult result = ConservationGuard.checkUsage(usage(10, 9L, 4, 6, List.of(new LotDebit("l1", 4))), CONTEXT);

        // then
        assertThat(failed(result)).containsExactly(Invariant.I_10, Invariant.I_12);
        assertThat(result.outcome()).isEqualTo(GuardOutcome.FAIL);
    }

    @Test
    void a_resent_finalization_passes_i6_when_identical_and_fails_it_when_different() {
        // given
        String other = "d".repeat(64);

        // when / then
        assertThat(ConservationGuard.checkFinalization("f", null, null, COMMUNITY_A, HASH, CONTEXT).passed()).isTrue();
        assertThat(ConservationGuard.checkFinalization("f", COMMUNITY_A, HASH, COMMUNITY_A, HASH, CONTEXT).passed())
                .isTrue();
        assertThat(failed(ConservationGuard.checkFinalization("f", COMMUNITY_A, HASH, COMMUNITY_A, other, CONTEXT)))
                .containsExactly(Invariant.I_6);
    }

    @Test
    void a_finalization_id_from_another_community_fails_i6_even_with_an_equal_hash_and_names_both_communities() {
        // given: the context is the refused version's operation, in community B
        GuardContext refused = new GuardContext(COMMUNITY_B, "usage:f", T0);

        // when
        GuardResult result = ConservationGuard.checkFinalization("f", COMMUNITY_A, HASH, COMMUNITY_B, HASH, refused);

        // then
        assertThat(result.violations()).singleElement().satisfies(violation -> {
            assertThat(violation.invariant()).isEqualTo(Invariant.I_6);
            assertThat(violation.communityId()).isEqualTo(COMMUNITY_B);
            assertThat(violation.details()).containsEntry("finalization_id", "f")
                    .containsEntry("first_community_id", COMMUNITY_A).containsEntry("first_content_hash", HASH)
                    .containsEntry("conflicting_community_id", COMMUNITY_B)
                    .containsEntry("conflicting_content_hash", HASH);
        });
    }

    @Test
    void two_i6_findings_about_one_usage_against_different_first_versions_get_distinct_ids() {
        // given: one usage in community B, checked against B's own first version and against A's
        GuardContext refused = new GuardContext(COMMUNITY_B, "usage:f", T0);
        String ownFirst = "d".repeat(64);

        // when
        String againstOwn = ConservationGuard.checkFinalization("f", COMMUNITY_B, ownFirst, COMMUNITY_B, HASH, refused)
                .violations().get(0).violationId();
        String againstOther = ConservationGuard.checkFinalization("f", COMMUNITY_A, HASH, COMMUNITY_B, HASH, refused)
                .violations().get(0).violationId();

        // then
        assertThat(againstOwn).isNotEqualTo(againstOther);
    }

    @Test
    void an_accepted_backward_transition_fails_i7() {
        // when / then
        assertThat(failed(ConservationGuard.checkTransition(PaymentStatus.FINISHED, PaymentStatus.WAITING, true, CONTEXT)))
                .containsExactly(Invariant.I_7);
        assertThat(failed(ConservationGuard.checkTransition(PaymentStatus.SENDING, PaymentStatus.REFUNDED, true, CONTEXT)))
                .containsExactly(Invariant.I_7);
        assertThat(ConservationGuard.checkTransition(PaymentStatus.FINISHED, PaymentStatus.REFUNDED, true, CONTEXT).passed())
                .isTrue();
        assertThat(ConservationGuard.checkTransition(PaymentStatus.FINISHED, PaymentStatus.WAITING, false, CONTEXT).passed())
                .isTrue();
    }

    @Test
    void a_mint_with_the_wrong_amount_a_second_lot_or_another_status_fails_i4_i5_i8() {
        // when
        GuardResult result = ConservationGuard.checkMint("1", PaymentStatus.CONFIRMED, true, 10, 11, CONTEXT);

        // then
        assertThat(failed(result)).containsExactly(Invariant.I_4, Invariant.I_5, Invariant.I_8);
    }

    @Test
    void a_revocation_that_finds_spent_credit_fails_i12() {
        // when / then
        assertThat(failed(ConservationGuard.checkRevocation("l1", "1", 5, CONTEXT))).containsExactly(Invariant.I_12);
        assertThat(ConservationGuard.checkRevocation("l1", "1", 0, CONTEXT).passed()).isTrue();
    }

    @Test
    void system_totals_pass_i13_only_when_minted_is_fully_accounted_for() {
        // when / then
        assertThat(ConservationGuard.checkSystem(new LedgerTotals(10, 4, 3, 2, 1), CONTEXT).passed()).isTrue();
        assertThat(failed(ConservationGuard.checkSystem(new LedgerTotals(10, 4, 3, 2, 0), CONTEXT)))
                .containsExactly(Invariant.I_13);
        assertThat(failed(ConservationGuard.checkSystem(new LedgerTotals(10, Long.MAX_VALUE, 1, 0, 0), CONTEXT)))
                .containsExactly(Invariant.I_9);
    }

    @Test
    void system_check_over_books_sums_them_and_reports_overflow_as_i9() {
        // given
        TestBook big = book(new TestLot("l1", COMMUNITY_A, Long.MAX_VALUE, Long.MAX_VALUE, 0, 0, 0));

        // when / then
        assertThat(ConservationGuard.checkSystem(List.of(big), CONTEXT).passed()).isTrue();
        assertThat(failed(ConservationGuard.checkSystem(List.of(big, big), CONTEXT))).containsExactly(Invariant.I_9);
    }

    @Test
    void violations_are_deterministic_and_differ_by_cause_and_subject() {
        // when
        GuardViolation first = ConservationGuard.checkRevocation("l1", "1", 5, CONTEXT).violations().get(0);
        GuardViolation again = ConservationGuard.checkRevocation("l1", "1", 5, CONTEXT).violations().get(0);
        GuardViolation otherLot = ConservationGuard.checkRevocation("l2", "1", 5, CONTEXT).violations().get(0);
        GuardViolation otherCause = ConservationGuard.checkRevocation("l1", "1", 5,
                new GuardContext(COMMUNITY_A, "test:2", T0)).violations().get(0);

        // then
        assertThat(again).isEqualTo(first);
        assertThat(first.violationId()).startsWith("violation:I-12:");
        assertThat(List.of(otherLot.violationId(), otherCause.violationId())).doesNotContain(first.violationId());
        assertThat(first.communityId()).isEqualTo(COMMUNITY_A);
        assertThat(first.detectedAt()).isEqualTo(T0);
    }
}
