package dev.ledgerstream.ledger.payment;

import static dev.ledgerstream.ledger.testing.LedgerFixtures.COMMUNITY_A;
import static dev.ledgerstream.ledger.testing.LedgerFixtures.at;
import static dev.ledgerstream.ledger.testing.LedgerFixtures.ipn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ledgerstream.ledger.identity.LedgerIds;
import dev.ledgerstream.ledger.lots.MintLot;
import dev.ledgerstream.ledger.lots.RevokeLot;
import dev.ledgerstream.schemas.PaymentStatus;
import dev.ledgerstream.schemas.ledger.GuardViolation;
import dev.ledgerstream.schemas.ledger.Invariant;
import dev.ledgerstream.schemas.ledger.MintOutcome;
import dev.ledgerstream.schemas.ledger.PaymentOutcome;
import dev.ledgerstream.schemas.ledger.TransitionOutcome;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class PaymentDeciderTest {

    final PaymentDecider decider = PaymentDecider.withoutLotTtl();

    /** Feeds notifications in order and returns the state after them. */
    PaymentState after(IpnInput... notifications) {
        PaymentState state = null;
        for (IpnInput notification : notifications) {
            state = decider.evolve(state, decider.decide(state, notification));
        }
        return state;
    }

    @ParameterizedTest
    @EnumSource(PaymentStatus.class)
    void the_first_notification_of_an_unknown_payment_is_accepted_at_any_status(PaymentStatus status) {
        // when
        PaymentDecision decision = decider.decide(null, ipn("1", status, at(0)));

        // then
        assertThat(decision.outcome().outcome()).isEqualTo(TransitionOutcome.ACCEPTED);
        assertThat(decision.outcome().previousStatus()).isNull();
        assertThat(decider.evolve(null, decision).status()).isEqualTo(status);
        assertThat(decision.guard().passed()).isTrue();
    }

    @Test
    void a_higher_status_is_accepted_even_when_states_were_skipped() {
        // given
        PaymentState waiting = after(ipn("1", PaymentStatus.WAITING, at(0)));

        // when
        PaymentDecision decision = decider.decide(waiting, ipn("1", PaymentStatus.SENDING, at(1)));

        // then
        assertThat(decision.outcome().outcome()).isEqualTo(TransitionOutcome.ACCEPTED);
        assertThat(decision.outcome().previousStatus()).isEqualTo(PaymentStatus.WAITING);
        assertThat(decider.evolve(waiting, decision).status()).isEqualTo(PaymentStatus.SENDING);
    }

    @ParameterizedTest
    @CsvSource({
        "CONFIRMED, WAITING", "SENDING, CONFIRMING", "PARTIALLY_PAID, SENDING",
        "FAILED, FINISHED", "EXPIRED, FINISHED", "FAILED, EXPIRED", "REFUNDED, FINISHED", "REFUNDED, WAITING",
        "FINISHED, FAILED", "FINISHED, EXPIRED", "FINISHED, WAITING",
        "PARTIALLY_PAID, REFUNDED", "WAITING, REFUNDED", "FAILED, REFUNDED"})
    void a_lower_or_terminal_violating_status_is_stale_and_changes_nothing(PaymentStatus from, PaymentStatus to) {
        // given
        PaymentState current = after(ipn("1", from, at(0)));

        // when
        PaymentDecision decision = decider.decide(current, ipn("1", to, at(1)));
        PaymentState next = decider.evolve(current, decision);

        // then
        assertThat(decision.outcome().outcome()).isEqualTo(TransitionOutcome.STALE);
        assertThat(decision.commands()).isEmpty();
        assertThat(next.status()).isEqualTo(from);
        assertThat(next.updatedAt()).isEqualTo(current.updatedAt());
        assertThat(decision.guard().passed()).isTrue();
    }

    @Test
    void the_same_status_again_is_a_duplicate() {
        // given
        PaymentState confirming = after(ipn("1", PaymentStatus.CONFIRMING, "10", "usd", COMMUNITY_A, at(0)));

        // when: same status, different content, so a different event
        PaymentDecision decision = decider.decide(confirming,
                ipn("1", PaymentStatus.CONFIRMING, "10", "usd", COMMUNITY_A + ":x", at(1)));

        // then
        assertThat(decision.outcome().outcome()).isEqualTo(TransitionOutcome.DUPLICATE);
    }

    @Test
    void the_identical_notification_redelivered_after_the_status_moved_on_is_a_duplicate_not_stale() {
        // given
        IpnInput waiting = ipn("1", PaymentStatus.WAITING, at(0));
        PaymentState confirmed = after(waiting, ipn("1", PaymentStatus.CONFIRMED, at(1)));

        // when
        PaymentDecision decision = decider.decide(confirmed, waiting);

        // then
        assertThat(decision.outcome().outcome()).isEqualTo(TransitionOutcome.DUPLICATE);
        assertThat(decision.outcome().outcomeId()).isEqualTo(
                LedgerIds.paymentOutcome("1", waiting.eventId(), TransitionOutcome.DUPLICATE));
    }

    @Test
    void the_first_finished_mints_exactly_one_lot_for_the_order_community() {
        // given
        PaymentState confirmed = after(ipn("7", PaymentStatus.CONFIRMED, "25", "usd", COMMUNITY_A + ":standard", at(0)));

        // when
        PaymentDecision decision = decider.decide(confirmed,
                ipn("7", PaymentStatus.FINISHED, "25", "usd", COMMUNITY_A + ":standard", at(5)));
        PaymentState finished = decider.evolve(confirmed, decision);

        // then
        MintLot expected = new MintLot(LedgerIds.lotForPayment("7"), COMMUNITY_A, "7", 27_500_000, at(5), null);
        assertThat(decision.commands()).containsExactly(expected);
        assertThat(decision.outcome().mintOutcome()).isEqualTo(MintOutcome.MINTED);
        assertThat(decision.outcome().creditedMicro()).isEqualTo(27_500_000);
        assertThat(finished.lotId()).isEqualTo(expected.lotId());
        assertThat(finished.communityId()).isEqualTo(COMMUNITY_A);
        assertThat(decision.guard().checks()).extracting(check -> check.invariant())
                .containsExactly(Invariant.I_7, Invariant.I_4, Invariant.I_5, Invariant.I_8);
        assertThat(decision.guard().passed()).isTrue();
    }

    @Test
    void a_finished_payment_redelivered_does_not_mint_again() {
        // given
        IpnInput finish = ipn("7", PaymentStatus.FINISHED, at(0));
        PaymentState finished = after(finish);

        // when
        PaymentDecision again = decider.decide(finished, ipn("7", PaymentStatus.FINISHED, at(1)));

        // then
        assertThat(again.outcome().outcome()).isEqualTo(TransitionOutcome.DUPLICATE);
        assertThat(again.outcome().mintOutcome()).isNull();
        assertThat(again.commands()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "4.99, usd, 3f1c2b9e-8d4a-4c6b-9e2f-1a7d5c3b8e60, BELOW_MINIMUM",
        "10, eur, 3f1c2b9e-8d4a-4c6b-9e2f-1a7d5c3b8e60, UNSUPPORTED_CURRENCY",
        "10, usd, order-42, UNKNOWN_COMMUNITY",
        "10, usd, 3f1c2b9e-8d4a-4c6b-9e2f-1a7d5c3b8e60x, UNKNOWN_COMMUNITY",
        "ten, usd, 3f1c2b9e-8d4a-4c6b-9e2f-1a7d5c3b8e60, INVALID_PRICE"})
    void a_finished_payment_that_cannot_be_credited_mints_nothing_and_says_why(
            String price, String currency, String orderId, MintOutcome reason) {
        // when
        PaymentDecision decision = decider.decide(null, ipn("8", PaymentStatus.FINISHED, price, currency, orderId, at(0)));

        // then
        assertThat(decision.outcome().outcome()).isEqualTo(TransitionOutcome.ACCEPTED);
        assertThat(decision.outcome().mintOutcome()).isEqualTo(reason);
        assertThat(decision.outcome().lotId()).isNull();
        assertThat(decision.commands()).isEmpty();
        assertThat(decider.evolve(null, decision).mintOutcome()).isEqualTo(reason);
    }

    @Test
    void a_price_whose_credit_overflows_mints_nothing_and_reports_i9() {
        // when
        PaymentDecision decision = decider.decide(null, ipn("8", PaymentStatus.FINISHED, "1e+21", "usd", COMMUNITY_A, at(0)));

        // then
        assertThat(decision.outcome().mintOutcome()).isEqualTo(MintOutcome.AMOUNT_OUT_OF_RANGE);
        assertThat(decision.commands()).isEmpty();
        assertThat(decision.guard().violations()).extracting(GuardViolation::invariant).containsExactly(Invariant.I_9);
        assertThat(decision.events()).hasSize(2);
    }

    @Test
    void partially_paid_mints_nothing_and_is_flagged_for_reconciliation() {
        // when
        PaymentDecision decision = decider.decide(null, ipn("9", PaymentStatus.PARTIALLY_PAID, at(0)));

        // then
        assertThat(decision.commands()).isEmpty();
        assertThat(decision.outcome().mintOutcome()).isEqualTo(MintOutcome.PARTIALLY_PAID);
    }

    @Test
    void partially_paid_then_finished_mints_on_finished() {
        // given
        PaymentState partial = after(ipn("9", PaymentStatus.PARTIALLY_PAID, at(0)));

        // when
        PaymentDecision decision = decider.decide(partial, ipn("9", PaymentStatus.FINISHED, at(1)));

        // then
        assertThat(decision.commands()).hasSize(1);
        assertThat(decider.evolve(partial, decision).mintOutcome()).isEqualTo(MintOutcome.MINTED);
    }

    @Test
    void with_a_lot_ttl_the_lot_expires_that_long_after_the_finishing_notification() {
        // given
        PaymentDecider withTtl = PaymentDecider.withLotTtl(Duration.ofDays(30));

        // when
        PaymentDecision decision = withTtl.decide(null, ipn("3", PaymentStatus.FINISHED, at(0)));

        // then
        MintLot mint = (MintLot) decision.commands().get(0);
        assertThat(mint.expiresAt()).isEqualTo(at(0).plus(Duration.ofDays(30)));
    }

    @Test
    void a_refund_of_a_finished_payment_revokes_its_lot_in_the_lots_community() {
        // given
        PaymentState finished = after(ipn("4", PaymentStatus.FINISHED, at(0)));

        // when: the refund names no community at all
        PaymentDecision decision = decider.decide(finished, ipn("4", PaymentStatus.REFUNDED, "10", "usd", "gone", at(9)));

        // then
        assertThat(decision.commands()).containsExactly(new RevokeLot(finished.lotId(), COMMUNITY_A, "4", at(9)));
        PaymentOutcome outcome = decision.outcome();
        assertThat(outcome.communityId()).isEqualTo(COMMUNITY_A);
        assertThat(outcome.lotId()).isEqualTo(finished.lotId());
        assertThat(decider.evolve(finished, decision).status()).isEqualTo(PaymentStatus.REFUNDED);
    }

    @ParameterizedTest
    @CsvSource(value = {"NULL", "25", "4", "n/a"}, nullValues = "NULL")
    void a_repeat_deposit_is_held_for_an_operator_and_mints_nothing_whatever_it_paid(String paidAtFiat) {
        // when
        PaymentDecision decision = decider.decide(null, reporting(ipn("21", PaymentStatus.FINISHED, "25", "usd",
                COMMUNITY_A, at(0)), paidAtFiat, "5524759000"));

        // then
        assertThat(decision.commands()).isEmpty();
        assertThat(decision.outcome().mintOutcome()).isEqualTo(MintOutcome.HELD_REPEAT_DEPOSIT);
        assertThat(decision.outcome().creditedMicro()).isZero();
        assertThat(decision.guard().passed()).isTrue();
        PaymentState held = decider.evolve(null, decision);
        assertThat(held.mintOutcome()).isEqualTo(MintOutcome.HELD_REPEAT_DEPOSIT);
        assertThat(held.lotId()).isNull();
    }

    @ParameterizedTest
    @CsvSource({"24.99, 25", "9.88, 25", "0, 10", "n/a, 10"})
    void a_finished_payment_whose_paid_value_is_below_its_price_is_held_underpaid(String paidAtFiat, String price) {
        // given
        PaymentState partial = after(reporting(ipn("22", PaymentStatus.PARTIALLY_PAID, price, "usd", COMMUNITY_A, at(0)),
                "1", null));

        // when
        PaymentDecision decision = decider.decide(partial, reporting(ipn("22", PaymentStatus.FINISHED, price, "usd",
                COMMUNITY_A, at(1)), paidAtFiat, null));

        // then
        assertThat(decision.commands()).isEmpty();
        assertThat(decision.outcome().mintOutcome()).isEqualTo(MintOutcome.HELD_UNDERPAID);
        assertThat(decider.evolve(partial, decision).mintOutcome()).isEqualTo(MintOutcome.HELD_UNDERPAID);
    }

    @ParameterizedTest
    @CsvSource(value = {"25, 27500000", "25.00, 27500000", "26.5, 27500000", "NULL, 27500000"}, nullValues = "NULL")
    void a_finished_payment_that_paid_its_price_or_reports_no_paid_value_mints_the_price_s_credits(String paidAtFiat,
            long creditsMicro) {
        // when
        PaymentDecision decision = decider.decide(null, reporting(ipn("23", PaymentStatus.FINISHED, "25", "usd",
                COMMUNITY_A, at(0)), paidAtFiat, null));

        // then
        assertThat(decision.outcome().mintOutcome()).isEqualTo(MintOutcome.MINTED);
        assertThat(decision.commands()).singleElement().isInstanceOfSatisfying(MintLot.class,
                mint -> assertThat(mint.amountMicro()).isEqualTo(creditsMicro));
    }

    @Test
    void a_repeat_deposit_is_reported_as_such_before_its_price_or_community_is_looked_at() {
        // when
        PaymentDecision decision = decider.decide(null, reporting(ipn("24", PaymentStatus.FINISHED, "1", "eur",
                "not-a-community", at(0)), "1", "24"));

        // then
        assertThat(decision.outcome().mintOutcome()).isEqualTo(MintOutcome.HELD_REPEAT_DEPOSIT);
    }

    @Test
    void a_refund_of_a_held_payment_revokes_nothing() {
        // given
        PaymentState held = after(reporting(ipn("25", PaymentStatus.FINISHED, at(0)), "3", null));

        // when
        PaymentDecision decision = decider.decide(held, ipn("25", PaymentStatus.REFUNDED, at(1)));

        // then
        assertThat(decision.accepted()).isTrue();
        assertThat(decision.commands()).isEmpty();
    }

    /** {@code ipn} reporting a paid value and a parent payment, with an event id of its own. */
    static IpnInput reporting(IpnInput ipn, String paidAtFiat, String parentPaymentId) {
        return new IpnInput(ipn.paymentId(), LedgerIds.sha256Hex(ipn.eventId() + "|" + paidAtFiat + "|" + parentPaymentId),
                ipn.status(), ipn.priceAmount(), ipn.priceCurrency(), ipn.orderId(), ipn.receivedAt(), paidAtFiat,
                parentPaymentId);
    }

    @Test
    void a_refund_of_a_finished_payment_that_minted_nothing_revokes_nothing() {
        // given
        PaymentState finished = after(ipn("4", PaymentStatus.FINISHED, "4.99", "usd", COMMUNITY_A, at(0)));

        // when
        PaymentDecision decision = decider.decide(finished, ipn("4", PaymentStatus.REFUNDED, at(1)));

        // then
        assertThat(decision.accepted()).isTrue();
        assertThat(decision.commands()).isEmpty();
    }

    @Test
    void the_remembered_event_ids_are_bounded() {
        // given: more distinct duplicate notifications than the memory holds
        PaymentState state = after(ipn("5", PaymentStatus.WAITING, at(0)));
        for (int i = 0; i < PaymentDecider.RECENT_EVENT_IDS + 10; i++) {
            state = decider.evolve(state, decider.decide(state,
                    ipn("5", PaymentStatus.WAITING, "10", "usd", COMMUNITY_A + ":" + i, at(i + 1))));
        }

        // then
        assertThat(state.recentEventIds()).hasSize(PaymentDecider.RECENT_EVENT_IDS);
        assertThat(state.recentEventIds().get(PaymentDecider.RECENT_EVENT_IDS - 1))
                .isEqualTo(ipn("5", PaymentStatus.WAITING, "10", "usd", COMMUNITY_A + ":41", at(0)).eventId());
    }

    @Test
    void deciding_is_deterministic() {
        // given
        List<IpnInput> notifications = List.of(ipn("6", PaymentStatus.WAITING, at(0)),
                ipn("6", PaymentStatus.FINISHED, at(1)), ipn("6", PaymentStatus.CONFIRMED, at(2)));

        // when
        String first = render(notifications);
        String second = render(notifications);

        // then
        assertThat(first).isEqualTo(second);
    }

    @Test
    void a_notification_for_another_payment_is_a_caller_bug() {
        // given
        PaymentState one = after(ipn("1", PaymentStatus.WAITING, at(0)));

        // when / then
        assertThatThrownBy(() -> decider.decide(one, ipn("2", PaymentStatus.CONFIRMED, at(1))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_lot_ttl_must_be_positive() {
        assertThatThrownBy(() -> PaymentDecider.withLotTtl(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    private String render(List<IpnInput> notifications) {
        StringBuilder out = new StringBuilder();
        PaymentState state = null;
        for (IpnInput notification : notifications) {
            PaymentDecision decision = decider.decide(state, notification);
            state = decider.evolve(state, decision);
            out.append(decision).append('\n').append(state).append('\n');
        }
        return out.toString();
    }

    @Test
    void restoring_from_the_recorded_outcomes_gives_the_state_the_decisions_left() {
        // given: every kind of outcome, a mint and a refund among them
        List<IpnInput> notifications = List.of(ipn("9", PaymentStatus.WAITING, "25", "usd", COMMUNITY_A, at(0)),
                ipn("9", PaymentStatus.FINISHED, "25", "usd", COMMUNITY_A, at(1)),
                ipn("9", PaymentStatus.CONFIRMING, "25", "usd", COMMUNITY_A, at(2)),
                ipn("9", PaymentStatus.FINISHED, "25", "usd", COMMUNITY_A + ":again", at(3)),
                ipn("9", PaymentStatus.REFUNDED, "25", "usd", COMMUNITY_A, at(4)));
        PaymentState live = null;
        List<PaymentOutcome> recorded = new java.util.ArrayList<>();
        for (IpnInput notification : notifications) {
            PaymentDecision decision = decider.decide(live, notification);
            recorded.add(decision.outcome());
            live = decider.evolve(live, decision);
        }

        // when
        PaymentState restored = decider.restore(recorded);

        // then
        assertThat(restored).isEqualTo(live);
        assertThat(restored.mintOutcome()).isEqualTo(MintOutcome.MINTED);
        assertThat(decider.restore(List.of())).isNull();
    }

}
