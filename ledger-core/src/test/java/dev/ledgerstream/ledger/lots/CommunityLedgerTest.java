package dev.ledgerstream.ledger.lots;

import static dev.ledgerstream.ledger.testing.LedgerFixtures.COMMUNITY_A;
import static dev.ledgerstream.ledger.testing.LedgerFixtures.COMMUNITY_B;
import static dev.ledgerstream.ledger.testing.LedgerFixtures.at;
import static dev.ledgerstream.ledger.testing.LedgerFixtures.grant;
import static dev.ledgerstream.ledger.testing.LedgerFixtures.mint;
import static dev.ledgerstream.ledger.testing.LedgerFixtures.usage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ledgerstream.ledger.guard.GuardCheck;
import dev.ledgerstream.ledger.guard.GuardResult;
import dev.ledgerstream.ledger.identity.LedgerIds;
import dev.ledgerstream.ledger.usage.UsageContent;
import dev.ledgerstream.schemas.ingest.ChargingMode;
import dev.ledgerstream.schemas.ingest.UsageFinalizationReceived;
import dev.ledgerstream.schemas.ledger.EntryType;
import dev.ledgerstream.schemas.ledger.GuardOutcome;
import dev.ledgerstream.schemas.ledger.GuardViolation;
import dev.ledgerstream.schemas.ledger.Invariant;
import dev.ledgerstream.schemas.ledger.LedgerEntry;
import dev.ledgerstream.schemas.ledger.LedgerRecord;
import dev.ledgerstream.schemas.ledger.LotDebit;
import dev.ledgerstream.schemas.ledger.LotSource;
import dev.ledgerstream.schemas.ledger.UsageRecorded;
import java.util.List;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class CommunityLedgerTest {

    private static LedgerResult applyUsage(CommunityState state, UsageFinalizationReceived usage) {
        return CommunityLedger.applyUsage(state, usage, UsageContent.hash(usage), ChargingMode.LIVE);
    }

    static final String LOT_P1 = LedgerIds.lotForPayment("1");

    /** A community's state and its closed lots, kept as {@code CommunityTask} keeps them. */
    static final class Book {

        CommunityState state;
        final java.util.Map<String, Lot> closed = new java.util.HashMap<>();

        LedgerResult apply(Object input) {
            LedgerResult result = input instanceof UsageFinalizationReceived usage ? applyUsage(state, usage)
                    : CommunityLedger.apply(state, closedFor((LedgerCommand) input), (LedgerCommand) input);
            state = result.state();
            result.closed().forEach(lot -> closed.put(lot.lotId(), lot));
            return result;
        }

        private Lot closedFor(LedgerCommand command) {
            return state != null && state.findLot(command.lotId()).isPresent() ? null : closed.get(command.lotId());
        }
    }

    static Book book(Object... inputs) {
        Book book = new Book();
        for (Object input : inputs) {
            book.apply(input);
        }
        return book;
    }

    /** A lot after an operation: open in its state, or among the lots it closed. */
    static Lot lotAfter(LedgerResult result, String lotId) {
        return result.state().findLot(lotId).or(() -> result.closed().stream()
                .filter(lot -> lot.lotId().equals(lotId)).findFirst()).orElseThrow();
    }

    /** Applies commands and usage in order, starting from an unknown community. */
    static CommunityState after(Object... inputs) {
        return book(inputs).state;
    }

    @Test
    void the_state_keeps_only_the_open_lots_and_hands_every_closed_one_to_the_caller_once() {
        // given 50 lots bought and spent one after another
        Book book = new Book();
        for (int i = 0; i < 50; i++) {
            book.apply(mint(Integer.toString(i), COMMUNITY_A, 5_000_000, at(2 * i)));
            book.apply(usage("fin-" + i, COMMUNITY_A, 5_000_000, at(2 * i + 1)));
        }
        // when one more is bought
        LedgerResult result = book.apply(mint("999", COMMUNITY_A, 5_000_000, at(100)));

        // then the value rewritten on every event holds one lot, the totals hold all fifty-one
        assertThat(result.state().lots()).extracting(Lot::lotId).containsExactly(LedgerIds.lotForPayment("999"));
        assertThat(result.state().mintedMicro()).isEqualTo(51 * 5_000_000L);
        assertThat(result.state().debitedMicro()).isEqualTo(50 * 5_000_000L);
        assertThat(book.closed).hasSize(50).allSatisfy((id, lot) -> assertThat(lot.remainingMicro()).isZero());
        assertThat(result.guard().passed()).isTrue();
        // and a second mint of a closed lot is still refused as I-5
        assertThat(book.apply(mint("0", COMMUNITY_A, 5_000_000, at(101))).guard().violations())
                .extracting(GuardViolation::invariant).containsExactly(Invariant.I_5);
    }

    static UsageRecorded usageOf(LedgerResult result) {
        return result.events().stream().filter(UsageRecorded.class::isInstance).map(UsageRecorded.class::cast)
                .findFirst().orElseThrow();
    }

    static List<Invariant> violated(LedgerResult result) {
        return result.guard().violations().stream().map(GuardViolation::invariant).toList();
    }

    @Test
    void minting_opens_a_lot_and_writes_one_lot_minted_entry() {
        // when
        LedgerResult result = CommunityLedger.apply(null, null, mint("1", COMMUNITY_A, 10_500_000, at(0)));

        // then
        assertThat(result.disposition()).isEqualTo(Disposition.APPLIED);
        assertThat(result.events()).containsExactly(new LedgerEntry("mint:" + LOT_P1, COMMUNITY_A, LOT_P1,
                EntryType.LOT_MINTED, 10_500_000, LotSource.PAYMENT, "1", null, null, at(0), null, at(0)));
        assertThat(result.state().balanceMicro()).isEqualTo(10_500_000);
        assertThat(result.state().mintedMicro()).isEqualTo(10_500_000);
        assertThat(result.guard().passed()).isTrue();
        assertThat(result.guard().checks()).hasSize(4);
    }

    @Test
    void a_debit_splits_across_three_lots_earliest_expiry_first_and_no_expiry_last() {
        // given: a payment lot without expiry (oldest), a grant expiring late, a grant expiring early
        CommunityState state = after(
                mint("1", COMMUNITY_A, 5_000_000, at(0)),
                grant("late", COMMUNITY_A, 2_000_000, at(1), at(10_000)),
                grant("early", COMMUNITY_A, 3_000_000, at(2), at(5_000)));

        // when
        LedgerResult result = applyUsage(state, usage("fin-1", COMMUNITY_A, 6_000_000, at(3)));

        // then
        UsageRecorded recorded = usageOf(result);
        assertThat(recorded.debits()).containsExactly(
                new LotDebit(LedgerIds.lotForGrant("early"), 3_000_000),
                new LotDebit(LedgerIds.lotForGrant("late"), 2_000_000),
                new LotDebit(LOT_P1, 1_000_000));
        assertThat(recorded.debitedMicro()).isEqualTo(6_000_000);
        assertThat(recorded.unfundedMicro()).isZero();
        assertThat(recorded.guardResult()).isEqualTo(GuardOutcome.PASS);
        assertThat(result.events()).filteredOn(LedgerEntry.class::isInstance).extracting(e -> ((LedgerEntry) e).entryId())
                .containsExactly("debit:fin-1:" + LedgerIds.lotForGrant("early"),
                        "debit:fin-1:" + LedgerIds.lotForGrant("late"), "debit:fin-1:" + LOT_P1);
        assertThat(result.state().balanceMicro()).isEqualTo(4_000_000);
        assertThat(result.state().findLot(LOT_P1).orElseThrow().remainingMicro()).isEqualTo(4_000_000);
    }

    @Test
    void lots_with_equal_expiry_are_debited_oldest_first_then_by_lot_id() {
        // given: two grants created at the same time and one older, all without expiry
        GrantLot first = grant("x", COMMUNITY_A, 1_000_000, at(1), null);
        GrantLot second = grant("y", COMMUNITY_A, 1_000_000, at(1), null);
        CommunityState state = after(grant("old", COMMUNITY_A, 1_000_000, at(0), null), first, second);
        List<String> sameTime = first.lotId().compareTo(second.lotId()) < 0
                ? List.of(first.lotId(), second.lotId()) : List.of(second.lotId(), first.lotId());

        // when
        LedgerResult result = applyUsage(state, usage("fin-1", COMMUNITY_A, 3_000_000, at(2)));

        // then
        assertThat(usageOf(result).debits()).extracting(LotDebit::lotId)
                .containsExactly(LedgerIds.lotForGrant("old"), sameTime.get(0), sameTime.get(1));
    }

    @Test
    void a_debit_of_exactly_the_balance_empties_the_lots_and_is_fully_funded() {
        // given
        CommunityState state = after(mint("1", COMMUNITY_A, 5_000_000, at(0)), grant("g", COMMUNITY_A, 1, at(1), null));

        // when
        LedgerResult result = applyUsage(state, usage("fin-1", COMMUNITY_A, 5_000_001, at(2)));

        // then
        assertThat(usageOf(result).unfundedMicro()).isZero();
        assertThat(result.state().balanceMicro()).isZero();
        assertThat(result.guard().passed()).isTrue();
    }

    @Test
    void usage_beyond_the_balance_debits_everything_and_records_the_rest_as_unfunded_i12() {
        // given
        CommunityState state = after(mint("1", COMMUNITY_A, 5_000_000, at(0)));

        // when
        LedgerResult result = applyUsage(state, usage("fin-1", COMMUNITY_A, 7_000_000, at(1)));

        // then
        UsageRecorded recorded = usageOf(result);
        assertThat(recorded.debitedMicro()).isEqualTo(5_000_000);
        assertThat(recorded.unfundedMicro()).isEqualTo(2_000_000);
        assertThat(recorded.guardResult()).isEqualTo(GuardOutcome.FAIL);
        assertThat(violated(result)).containsExactly(Invariant.I_12);
        assertThat(result.events().get(result.events().size() - 1)).isInstanceOf(GuardViolation.class);
        assertThat(result.state().balanceMicro()).isZero();
    }

    @Test
    void usage_of_a_community_without_credit_is_recorded_wholly_unfunded() {
        // when
        LedgerResult result = applyUsage(null, usage("fin-1", COMMUNITY_A, 1, at(0)));

        // then
        assertThat(usageOf(result).unfundedMicro()).isEqualTo(1);
        assertThat(result.state()).isEqualTo(CommunityState.empty(COMMUNITY_A));
    }

    @Test
    void zero_amount_usage_is_recorded_without_debits_or_entries() {
        // given
        CommunityState state = after(mint("1", COMMUNITY_A, 5_000_000, at(0)));

        // when
        LedgerResult result = applyUsage(state, usage("fin-0", COMMUNITY_A, 0, at(1)));

        // then
        assertThat(result.events()).hasSize(1);
        UsageRecorded recorded = usageOf(result);
        assertThat(recorded.debits()).isEmpty();
        assertThat(recorded.unfundedMicro()).isZero();
        assertThat(recorded.guardResult()).isEqualTo(GuardOutcome.PASS);
        assertThat(result.state().balanceMicro()).isEqualTo(5_000_000);
    }

    @Test
    void usage_is_checked_for_i3_i10_i12_and_the_book_but_not_for_i6_which_the_dedup_step_checks() {
        // given
        CommunityState state = after(mint("1", COMMUNITY_A, 5_000_000, at(0)));

        // when
        LedgerResult result = applyUsage(state, usage("fin-1", COMMUNITY_A, 1_000, at(1)));

        // then
        assertThat(result.disposition()).isEqualTo(Disposition.APPLIED);
        assertThat(result.guard().checks()).extracting(GuardCheck::invariant).containsExactly(Invariant.I_3,
                Invariant.I_10, Invariant.I_12, Invariant.I_1, Invariant.I_9, Invariant.I_2, Invariant.I_11);
    }

    @Test
    void the_ledger_does_not_deduplicate_so_the_same_usage_applied_twice_debits_twice() {
        // given: a caller that skipped the finalization dedup step
        UsageFinalizationReceived usage = usage("fin-1", COMMUNITY_A, 1_000, at(1));
        CommunityState once = after(mint("1", COMMUNITY_A, 5_000_000, at(0)), usage);

        // when
        LedgerResult twice = applyUsage(once, usage);

        // then
        assertThat(twice.disposition()).isEqualTo(Disposition.APPLIED);
        assertThat(twice.state().debitedMicro()).isEqualTo(2_000);
    }

    @Test
    void usage_above_its_reservation_is_still_debited_in_full_and_reported_as_i10() {
        // given
        CommunityState state = after(mint("1", COMMUNITY_A, 5_000_000, at(0)));

        // when
        LedgerResult result = applyUsage(state, usage("fin-1", COMMUNITY_A, 3_000, 2_999L, at(1)));

        // then
        assertThat(usageOf(result).debitedMicro()).isEqualTo(3_000);
        assertThat(violated(result)).containsExactly(Invariant.I_10);
    }

    @Test
    void usage_equal_to_its_reservation_passes() {
        // when
        LedgerResult result = applyUsage(after(mint("1", COMMUNITY_A, 5_000_000, at(0))),
                usage("fin-1", COMMUNITY_A, 3_000, 3_000L, at(1)));

        // then
        assertThat(result.guard().passed()).isTrue();
    }

    @Test
    void a_refund_after_partial_spend_revokes_the_remainder_and_reports_the_spent_part_as_i12() {
        // given
        CommunityState state = after(mint("1", COMMUNITY_A, 10_500_000, at(0)), usage("fin-1", COMMUNITY_A, 500_000, at(1)));

        // when
        LedgerResult result = CommunityLedger.apply(state, null, new RevokeLot(LOT_P1, COMMUNITY_A, "1", at(2)));

        // then
        assertThat(result.events()).first().isEqualTo(new LedgerEntry("revoke:" + LOT_P1, COMMUNITY_A, LOT_P1,
                EntryType.LOT_REVOKED, 10_000_000, LotSource.PAYMENT, "1", null, null, null, null, at(2)));
        assertThat(result.guard().violations()).singleElement().satisfies(violation -> {
            assertThat(violation.invariant()).isEqualTo(Invariant.I_12);
            assertThat(violation.details()).containsEntry("spent_micro", "500000");
        });
        Lot lot = lotAfter(result, LOT_P1);
        assertThat(lot.status()).isEqualTo(LotStatus.REVOKED);
        assertThat(result.state().findLot(LOT_P1)).as("a revoked lot leaves the open lots").isEmpty();
        assertThat(lot.debitedMicro()).isEqualTo(500_000);
        assertThat(result.state().revokedMicro()).isEqualTo(10_000_000);
        assertThat(result.state().balanceMicro()).isZero();
    }

    @Test
    void a_refund_of_an_unspent_lot_revokes_it_all_without_violation() {
        // when
        LedgerResult result = CommunityLedger.apply(after(mint("1", COMMUNITY_A, 5_000_000, at(0))), null,
                new RevokeLot(LOT_P1, COMMUNITY_A, "1", at(2)));

        // then
        assertThat(result.guard().passed()).isTrue();
        assertThat(result.state().revokedMicro()).isEqualTo(5_000_000);
    }

    @Test
    void a_second_revocation_and_one_for_an_unknown_lot_change_nothing() {
        // given
        RevokeLot revoke = new RevokeLot(LOT_P1, COMMUNITY_A, "1", at(2));
        Book book = book(mint("1", COMMUNITY_A, 5_000_000, at(0)), revoke);
        CommunityState revoked = book.state;

        // when
        LedgerResult again = book.apply(revoke);
        LedgerResult unknown = book.apply(new RevokeLot(LedgerIds.lotForPayment("2"), COMMUNITY_A, "2", at(3)));

        // then
        assertThat(again.disposition()).isEqualTo(Disposition.DUPLICATE);
        assertThat(unknown.disposition()).isEqualTo(Disposition.UNKNOWN_LOT);
        assertThat(again.events()).isEmpty();
        assertThat(unknown.events()).isEmpty();
        assertThat(again.state()).isEqualTo(revoked);
    }

    @Test
    void expiry_writes_off_due_lots_dated_at_their_expiry_time() {
        // given
        CommunityState state = after(grant("soon", COMMUNITY_A, 2_000_000, at(0), at(60)),
                grant("later", COMMUNITY_A, 3_000_000, at(0), at(120)), mint("1", COMMUNITY_A, 5_000_000, at(0)));

        // when: expiry runs well after the first lot's time
        LedgerResult result = CommunityLedger.expire(state, at(90));

        // then
        String soon = LedgerIds.lotForGrant("soon");
        assertThat(result.events()).containsExactly(new LedgerEntry("expire:" + soon, COMMUNITY_A, soon,
                EntryType.LOT_EXPIRED, 2_000_000, LotSource.GRANT, null, "soon", null, null, null, at(60)));
        assertThat(result.state().expiredMicro()).isEqualTo(2_000_000);
        assertThat(result.state().balanceMicro()).isEqualTo(8_000_000);
        assertThat(lotAfter(result, soon).status()).isEqualTo(LotStatus.EXPIRED);
        assertThat(result.closed()).extracting(Lot::lotId).containsExactly(soon);
    }

    @Test
    void a_lot_expires_at_exactly_its_expiry_time() {
        // given
        CommunityState state = after(grant("g", COMMUNITY_A, 2_000_000, at(0), at(60)));

        // when / then
        assertThat(CommunityLedger.expire(state, at(60).minusNanos(1)).events()).isEmpty();
        assertThat(CommunityLedger.expire(state, at(60)).events()).hasSize(1);
    }

    @Test
    void expiry_with_nothing_due_checks_and_emits_nothing() {
        // given
        CommunityState state = after(mint("1", COMMUNITY_A, 5_000_000, at(0)));

        // when
        LedgerResult result = CommunityLedger.expire(state, at(1_000_000));

        // then
        assertThat(result.events()).isEmpty();
        assertThat(result.guard()).isEqualTo(GuardResult.NONE);
        assertThat(result.state()).isEqualTo(state);
    }

    @Test
    void usage_received_after_a_lots_expiry_time_never_debits_it_even_before_expire_ran() {
        // given
        CommunityState state = after(grant("g", COMMUNITY_A, 2_000_000, at(0), at(60)), mint("1", COMMUNITY_A, 5_000_000, at(1)));

        // when
        LedgerResult result = applyUsage(state, usage("fin-1", COMMUNITY_A, 1_000_000, at(61)));

        // then
        assertThat(usageOf(result).debits()).containsExactly(new LotDebit(LOT_P1, 1_000_000));
        assertThat(result.events()).first().isInstanceOfSatisfying(LedgerEntry.class,
                entry -> assertThat(entry.type()).isEqualTo(EntryType.LOT_EXPIRED));
        assertThat(result.guard().passed()).isTrue();
    }

    @Test
    void an_exhausted_lot_has_closed_and_expires_without_an_entry() {
        // given
        CommunityState state = after(grant("g", COMMUNITY_A, 1_000, at(0), at(60)), usage("fin-1", COMMUNITY_A, 1_000, at(1)));

        // when
        LedgerResult result = CommunityLedger.expire(state, at(60));

        // then
        assertThat(result.events()).isEmpty();
        // it closed when it was exhausted, so nothing is left to expire
        assertThat(result.state().lots()).isEmpty();
    }

    @Test
    void a_second_mint_of_the_same_lot_is_rejected_as_i5() {
        // given
        MintLot mint = mint("1", COMMUNITY_A, 5_000_000, at(0));
        CommunityState state = after(mint);

        // when
        LedgerResult result = CommunityLedger.apply(state, null, mint);

        // then
        assertThat(result.disposition()).isEqualTo(Disposition.REJECTED);
        assertThat(violated(result)).containsExactly(Invariant.I_5);
        assertThat(result.state()).isEqualTo(state);
    }

    @Test
    void a_grant_resent_under_the_same_grant_id_is_a_duplicate_without_output() {
        // given
        GrantLot grant = grant("g", COMMUNITY_A, 1_000_000, at(0), null);
        CommunityState state = after(grant);

        // when
        LedgerResult result = CommunityLedger.apply(state, null, grant);

        // then
        assertThat(result.disposition()).isEqualTo(Disposition.DUPLICATE);
        assertThat(result.events()).isEmpty();
        assertThat(result.state()).isEqualTo(state);
    }

    @Test
    void a_mint_that_would_overflow_the_totals_is_rejected_as_i9_without_crashing() {
        // given
        CommunityState nearlyFull = after(grant("huge", COMMUNITY_A, Long.MAX_VALUE - 4_999_999, at(0), null));

        // when
        LedgerResult result = CommunityLedger.apply(nearlyFull, null, mint("1", COMMUNITY_A, 5_000_000, at(1)));

        // then
        assertThat(result.disposition()).isEqualTo(Disposition.REJECTED);
        assertThat(violated(result)).containsExactly(Invariant.I_9);
        assertThat(result.state()).isEqualTo(nearlyFull);
    }

    @Test
    void a_mint_that_brings_the_totals_to_exactly_long_max_is_accepted() {
        // given
        CommunityState nearlyFull = after(grant("huge", COMMUNITY_A, Long.MAX_VALUE - 5_000_000, at(0), null));

        // when
        LedgerResult result = CommunityLedger.apply(nearlyFull, null, mint("1", COMMUNITY_A, 5_000_000, at(1)));

        // then
        assertThat(result.guard().passed()).isTrue();
        assertThat(result.state().balanceMicro()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void usage_of_long_max_debits_what_there_is_and_leaves_the_rest_unfunded() {
        // given
        CommunityState state = after(mint("1", COMMUNITY_A, 5_000_000, at(0)));

        // when
        LedgerResult result = applyUsage(state, usage("fin-max", COMMUNITY_A, Long.MAX_VALUE, at(1)));

        // then
        UsageRecorded recorded = usageOf(result);
        assertThat(recorded.debitedMicro()).isEqualTo(5_000_000);
        assertThat(recorded.unfundedMicro()).isEqualTo(Long.MAX_VALUE - 5_000_000);
        assertThat(violated(result)).containsExactly(Invariant.I_12);
    }

    @Test
    void usage_against_a_corrupted_state_whose_totals_overflow_is_still_recorded_wholly_unfunded() {
        // given: the stored total says more was debited than can be added to
        Lot lot = Lot.open(LOT_P1, COMMUNITY_A, LotSource.PAYMENT, "1", null, 5_000_000, at(0), null);
        CommunityState corrupted = new CommunityState(COMMUNITY_A, List.of(lot), 5_000_000, Long.MAX_VALUE, 0, 0,
                5_000_000);

        // when
        LedgerResult result = applyUsage(corrupted, usage("fin-1", COMMUNITY_A, 1_000, at(1)));

        // then
        assertThat(usageOf(result).unfundedMicro()).isEqualTo(1_000);
        assertThat(violated(result)).containsExactly(Invariant.I_9, Invariant.I_12);
        assertThat(result.disposition()).isEqualTo(Disposition.APPLIED);
        assertThat(result.state()).isEqualTo(corrupted);
    }

    @Test
    void a_command_for_another_community_is_a_caller_bug() {
        // given
        CommunityState a = after(mint("1", COMMUNITY_A, 5_000_000, at(0)));

        // when / then
        assertThatThrownBy(() -> applyUsage(a, usage("fin-1", COMMUNITY_B, 1, at(1))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void every_emitted_record_of_a_community_is_keyed_by_that_community() {
        // given
        CommunityState state = after(mint("1", COMMUNITY_A, 5_000_000, at(0)));

        // when
        LedgerResult result = applyUsage(state, usage("fin-1", COMMUNITY_A, 9_000_000, at(1)));

        // then
        assertThat(result.events()).extracting(LedgerRecord::key).containsOnly(COMMUNITY_A);
    }
}
