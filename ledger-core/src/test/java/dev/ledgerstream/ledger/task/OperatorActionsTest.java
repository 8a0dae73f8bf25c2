package dev.ledgerstream.ledger.task;

import static dev.ledgerstream.ledger.testing.LedgerFixtures.COMMUNITY_A;
import static dev.ledgerstream.ledger.testing.LedgerFixtures.at;
import static dev.ledgerstream.ledger.testing.LedgerFixtures.ipn;
import static dev.ledgerstream.ledger.testing.LedgerFixtures.usage;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerstream.ledger.identity.LedgerIds;
import dev.ledgerstream.ledger.payment.IpnInput;
import dev.ledgerstream.ledger.payment.PaymentDecider;
import dev.ledgerstream.ledger.payment.PaymentState;
import dev.ledgerstream.ledger.replay.ReplayLedger;
import dev.ledgerstream.schemas.PaymentStatus;
import dev.ledgerstream.schemas.ingest.ActionKind;
import dev.ledgerstream.schemas.ingest.OperatorAction;
import dev.ledgerstream.schemas.ledger.ActionOutcome;
import dev.ledgerstream.schemas.ledger.ActionResult;
import dev.ledgerstream.schemas.ledger.EntryType;
import dev.ledgerstream.schemas.ledger.GuardViolation;
import dev.ledgerstream.schemas.ledger.LedgerEntry;
import dev.ledgerstream.schemas.ledger.LedgerRecord;
import dev.ledgerstream.schemas.ledger.LotSource;
import dev.ledgerstream.schemas.ledger.MintOutcome;
import dev.ledgerstream.schemas.ledger.UsageRecorded;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** Operators' actions through the community task (SPEC 5.5): grant, release, dismiss, and their idempotency. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class OperatorActionsTest {

    private final ReplayLedger ledger = new ReplayLedger(PaymentDecider.withoutLotTtl());

    private static OperatorAction grant(String key, long amount, Instant expiresAt, Instant at) {
        return OperatorAction.of(key, ActionKind.GRANT, COMMUNITY_A, null, amount, expiresAt, "ops", "goodwill", at);
    }

    private static OperatorAction resolve(ActionKind kind, String key, String payment, Instant at) {
        return OperatorAction.of(key, kind, null, payment, null, null, "ops", "checked by hand", at);
    }

    /** A finished 10 usd payment of community A that paid 9.5: held_underpaid. */
    private static IpnInput underpaid(String payment, Instant at) {
        return new IpnInput(payment, LedgerIds.sha256Hex("underpaid " + payment), PaymentStatus.FINISHED, "10", "usd",
                COMMUNITY_A, at, "9.5", null);
    }

    private static ActionOutcome outcome(List<LedgerRecord> records) {
        return (ActionOutcome) records.get(0);
    }

    private static <T> List<T> only(Class<T> type, List<LedgerRecord> records) {
        return records.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Test
    void a_grant_becomes_a_grant_lot_named_by_the_action_and_usage_is_debited_from_it() {
        // when
        OperatorAction action = grant("welcome", 2_000_000, at(60), at(0));
        List<LedgerRecord> records = ledger.onAction(action);
        ledger.onUsage(usage("fin-1", COMMUNITY_A, 500_000, at(1)));

        // then
        ActionOutcome outcome = outcome(records);
        assertThat(outcome.result()).isEqualTo(ActionResult.APPLIED);
        assertThat(outcome.actor()).isEqualTo("ops");
        assertThat(outcome.lotId()).isEqualTo(LedgerIds.lotForGrant(action.actionId()));
        LedgerEntry minted = only(LedgerEntry.class, records).get(0);
        assertThat(minted.type()).isEqualTo(EntryType.LOT_MINTED);
        assertThat(minted.lotSource()).isEqualTo(LotSource.GRANT);
        assertThat(minted.grantId()).isEqualTo(action.actionId());
        assertThat(minted.lotExpiresAt()).isEqualTo(at(60));
        assertThat(ledger.communities().get(COMMUNITY_A).balanceMicro()).isEqualTo(1_500_000);
    }

    @Test
    void the_same_grant_again_is_a_duplicate_and_its_key_reused_for_another_amount_is_rejected() {
        // given
        ledger.onAction(grant("welcome", 2_000_000, null, at(0)));

        // when
        List<LedgerRecord> again = ledger.onAction(grant("welcome", 2_000_000, null, at(5)));
        List<LedgerRecord> other = ledger.onAction(grant("welcome", 9_000_000, null, at(6)));

        // then
        assertThat(outcome(again).result()).isEqualTo(ActionResult.DUPLICATE);
        assertThat(outcome(other).result()).isEqualTo(ActionResult.REJECTED);
        assertThat(outcome(other).detail()).contains("idempotency key");
        assertThat(again).hasSize(1);
        assertThat(other).hasSize(1);
        assertThat(ledger.communities().get(COMMUNITY_A).balanceMicro()).isEqualTo(2_000_000);
    }

    @Test
    void a_release_mints_the_held_payments_lot_at_its_price_and_funds_later_usage() {
        // given
        ledger.onIpn(underpaid("77", at(0)));

        // when
        List<LedgerRecord> records = ledger.onAction(resolve(ActionKind.RELEASE, "r1", "77", at(10)));
        List<LedgerRecord> usage = ledger.onUsage(usage("fin-1", COMMUNITY_A, 1_000_000, at(11)));

        // then
        ActionOutcome outcome = outcome(records);
        assertThat(outcome.result()).isEqualTo(ActionResult.APPLIED);
        assertThat(outcome.lotId()).isEqualTo(LedgerIds.lotForPayment("77"));
        assertThat(outcome.amountMicro()).isEqualTo(10_500_000);
        assertThat(only(GuardViolation.class, records)).isEmpty();
        LedgerEntry minted = only(LedgerEntry.class, records).get(0);
        assertThat(minted.lotSource()).isEqualTo(LotSource.PAYMENT);
        assertThat(minted.occurredAt()).isEqualTo(at(10));
        PaymentState payment = ledger.payments().get("77");
        assertThat(payment.mintOutcome()).isEqualTo(MintOutcome.HELD_UNDERPAID);
        assertThat(payment.resolution()).isEqualTo(ActionKind.RELEASE);
        assertThat(payment.lotId()).isEqualTo(outcome.lotId());
        assertThat(only(UsageRecorded.class, usage).get(0).unfundedMicro()).isZero();
    }

    @Test
    void a_released_payment_refunded_later_has_its_lot_revoked() {
        // given
        ledger.onIpn(underpaid("77", at(0)));
        ledger.onAction(resolve(ActionKind.RELEASE, "r1", "77", at(10)));

        // when
        List<LedgerRecord> refund = ledger.onIpn(ipn("77", PaymentStatus.REFUNDED, at(20)));

        // then
        assertThat(only(LedgerEntry.class, refund)).singleElement()
                .satisfies(entry -> assertThat(entry.type()).isEqualTo(EntryType.LOT_REVOKED));
        assertThat(ledger.communities().get(COMMUNITY_A).balanceMicro()).isZero();
    }

    @Test
    void a_payment_is_resolved_once_the_same_action_again_is_a_duplicate_and_another_is_rejected() {
        // given
        ledger.onIpn(underpaid("77", at(0)));
        ledger.onAction(resolve(ActionKind.DISMISS, "d1", "77", at(10)));

        // when
        List<LedgerRecord> again = ledger.onAction(resolve(ActionKind.DISMISS, "d1", "77", at(11)));
        List<LedgerRecord> release = ledger.onAction(resolve(ActionKind.RELEASE, "r1", "77", at(12)));

        // then
        assertThat(outcome(again).result()).isEqualTo(ActionResult.DUPLICATE);
        assertThat(outcome(release).result()).isEqualTo(ActionResult.REJECTED);
        assertThat(outcome(release).detail()).contains("resolved already (dismiss)");
        assertThat(release).hasSize(1);
        assertThat(ledger.payments().get("77").resolution()).isEqualTo(ActionKind.DISMISS);
        assertThat(ledger.lots()).isEmpty();
    }

    @Test
    void what_has_nothing_to_release_is_rejected_with_the_reason() {
        // given: a minted payment, a payment below the minimum, an unfinished one, and one of no community
        ledger.onIpn(ipn("1", PaymentStatus.FINISHED, at(0)));
        ledger.onIpn(ipn("2", PaymentStatus.FINISHED, "3", "usd", COMMUNITY_A, at(0)));
        ledger.onIpn(ipn("3", PaymentStatus.WAITING, at(0)));
        ledger.onIpn(ipn("4", PaymentStatus.FINISHED, "10", "usd", "order-without-community", at(0)));

        // then
        assertThat(outcome(ledger.onAction(resolve(ActionKind.RELEASE, "k", "1", at(1)))).detail())
                .contains("does not await resolution (mint_outcome minted)");
        assertThat(outcome(ledger.onAction(resolve(ActionKind.RELEASE, "k", "2", at(1)))).detail())
                .contains("price buys no credits (below_minimum)");
        assertThat(outcome(ledger.onAction(resolve(ActionKind.RELEASE, "k", "3", at(1)))).detail())
                .contains("does not await resolution (mint_outcome none)");
        assertThat(outcome(ledger.onAction(resolve(ActionKind.RELEASE, "k", "4", at(1)))).detail())
                .contains("names no community");
        assertThat(outcome(ledger.onAction(resolve(ActionKind.RELEASE, "k", "5", at(1)))).detail())
                .contains("has no payment 5");
        // but a payment of no community can be dismissed, keyed by its payment
        ActionOutcome dismissed = outcome(ledger.onAction(resolve(ActionKind.DISMISS, "k", "4", at(2))));
        assertThat(dismissed.result()).isEqualTo(ActionResult.APPLIED);
        assertThat(dismissed.key()).isEqualTo("4");
        assertThat(ledger.lots()).hasSize(1);
    }

    @Test
    void a_release_under_a_lot_ttl_expires_that_long_after_the_release() {
        // given
        ReplayLedger expiring = new ReplayLedger(PaymentDecider.withLotTtl(Duration.ofDays(30)));
        expiring.onIpn(underpaid("77", at(0)));

        // when
        List<LedgerRecord> records = expiring.onAction(resolve(ActionKind.RELEASE, "r1", "77", at(10)));

        // then
        assertThat(only(LedgerEntry.class, records).get(0).lotExpiresAt()).isEqualTo(at(10).plus(Duration.ofDays(30)));
    }

    @Test
    void a_resumed_payment_state_folds_in_its_recorded_resolution() {
        // given
        PaymentDecider decider = PaymentDecider.withoutLotTtl();
        ledger.onIpn(underpaid("77", at(0)));
        PaymentState before = ledger.payments().get("77");
        ActionOutcome applied = outcome(ledger.onAction(resolve(ActionKind.RELEASE, "r1", "77", at(10))));

        // when
        PaymentState resumed = decider.resolved(before, applied);

        // then
        assertThat(resumed).isEqualTo(ledger.payments().get("77"));
    }
}
