package dev.ledgerstream.ledger.task;

import static dev.ledgerstream.ledger.testing.LedgerFixtures.COMMUNITY_A;
import static dev.ledgerstream.ledger.testing.LedgerFixtures.COMMUNITY_B;
import static dev.ledgerstream.ledger.testing.LedgerFixtures.at;
import static dev.ledgerstream.ledger.testing.LedgerFixtures.ipn;
import static dev.ledgerstream.ledger.testing.LedgerFixtures.usage;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerstream.ledger.identity.LedgerIds;
import dev.ledgerstream.ledger.payment.PaymentDecider;
import dev.ledgerstream.ledger.replay.ReplayLedger;
import dev.ledgerstream.schemas.PaymentStatus;
import dev.ledgerstream.schemas.ingest.ActionKind;
import dev.ledgerstream.schemas.ingest.ChargingMode;
import dev.ledgerstream.schemas.ingest.MintingMode;
import dev.ledgerstream.schemas.ingest.OperatorAction;
import dev.ledgerstream.schemas.ledger.ActionOutcome;
import dev.ledgerstream.schemas.ledger.ActionResult;
import dev.ledgerstream.schemas.ledger.GuardOutcome;
import dev.ledgerstream.schemas.ledger.GuardViolation;
import dev.ledgerstream.schemas.ledger.LedgerEntry;
import dev.ledgerstream.schemas.ledger.LedgerRecord;
import dev.ledgerstream.schemas.ledger.LotDebit;
import dev.ledgerstream.schemas.ledger.MintOutcome;
import dev.ledgerstream.schemas.ledger.PaymentOutcome;
import dev.ledgerstream.schemas.ledger.UsageRecorded;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** The charging switch through the community task (SPEC 5.5, ADR 0018): shadow charging, paused minting, scopes. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ChargingModeTest {

    private final ReplayLedger ledger = new ReplayLedger(PaymentDecider.withoutLotTtl());

    private static OperatorAction mode(String key, String community, ChargingMode charging, MintingMode minting,
            Instant at) {
        return OperatorAction.chargingMode(key, community, charging, minting, "ops", "incident 42", at);
    }

    private static <T> List<T> only(Class<T> type, List<LedgerRecord> records) {
        return records.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private long balance(String community) {
        return ledger.communities().get(community).balanceMicro();
    }

    @Test
    void in_shadow_mode_usage_is_recorded_with_what_it_would_have_debited_and_charges_nothing() {
        // given: community A holds a 10 usd lot (10,500,000) and is put in shadow
        ledger.onIpn(ipn("1", PaymentStatus.FINISHED, at(0)));
        ActionOutcome set = (ActionOutcome) ledger.onAction(
                mode("shadow-a", COMMUNITY_A, ChargingMode.SHADOW, MintingMode.LIVE, at(1))).get(0);

        // when
        List<LedgerRecord> records = ledger.onUsage(usage("fin-1", COMMUNITY_A, 12_000_000, at(2)));

        // then: no entry, no violation (not even I-12 for the would-be shortfall), the lot untouched
        assertThat(set.result()).isEqualTo(ActionResult.APPLIED);
        assertThat(set.charging()).isEqualTo(ChargingMode.SHADOW);
        assertThat(only(LedgerEntry.class, records)).isEmpty();
        assertThat(only(GuardViolation.class, records)).isEmpty();
        UsageRecorded usage = only(UsageRecorded.class, records).get(0);
        assertThat(usage.chargingMode()).isEqualTo(ChargingMode.SHADOW);
        assertThat(usage.debitedMicro()).isZero();
        assertThat(usage.unfundedMicro()).isZero();
        assertThat(usage.waivedMicro()).isEqualTo(12_000_000);
        assertThat(usage.shadowDebits()).containsExactly(new LotDebit(LedgerIds.lotForPayment("1"), 10_500_000));
        assertThat(usage.guardResult()).isEqualTo(GuardOutcome.PASS);
        assertThat(balance(COMMUNITY_A)).isEqualTo(10_500_000);
    }

    @Test
    void a_community_in_shadow_leaves_the_others_charged_and_going_live_again_charges_the_next_usage() {
        // given
        ledger.onIpn(ipn("1", PaymentStatus.FINISHED, "10", "usd", COMMUNITY_A, at(0)));
        ledger.onIpn(ipn("2", PaymentStatus.FINISHED, "10", "usd", COMMUNITY_B, at(0)));
        ledger.onAction(mode("shadow-a", COMMUNITY_A, ChargingMode.SHADOW, MintingMode.LIVE, at(1)));

        // when
        ledger.onUsage(usage("fin-a1", COMMUNITY_A, 1_000_000, at(2)));
        ledger.onUsage(usage("fin-b1", COMMUNITY_B, 1_000_000, at(2)));
        ledger.onAction(mode("live-a", COMMUNITY_A, ChargingMode.LIVE, MintingMode.LIVE, at(3)));
        List<LedgerRecord> live = ledger.onUsage(usage("fin-a2", COMMUNITY_A, 1_000_000, at(4)));

        // then
        assertThat(balance(COMMUNITY_B)).isEqualTo(9_500_000);
        assertThat(balance(COMMUNITY_A)).isEqualTo(9_500_000);
        assertThat(only(UsageRecorded.class, live).get(0).chargingMode()).isEqualTo(ChargingMode.LIVE);
    }

    @Test
    void the_global_mode_applies_to_every_community_and_a_community_cannot_loosen_it() {
        // given
        ledger.onIpn(ipn("1", PaymentStatus.FINISHED, "10", "usd", COMMUNITY_A, at(0)));
        ActionOutcome global = (ActionOutcome) ledger.onAction(
                mode("all-shadow", null, ChargingMode.SHADOW, MintingMode.LIVE, at(1))).get(0);
        ledger.onAction(mode("a-live", COMMUNITY_A, ChargingMode.LIVE, MintingMode.LIVE, at(2)));

        // when
        UsageRecorded usage = only(UsageRecorded.class, ledger.onUsage(usage("fin-1", COMMUNITY_A, 1_000_000, at(3))))
                .get(0);

        // then
        assertThat(global.communityId()).isNull();
        assertThat(global.key()).isEqualTo(OperatorAction.GLOBAL);
        assertThat(usage.chargingMode()).isEqualTo(ChargingMode.SHADOW);
        assertThat(balance(COMMUNITY_A)).isEqualTo(10_500_000);
    }

    @Test
    void with_minting_paused_a_finished_payment_is_held_and_a_release_mints_it() {
        // given
        ledger.onAction(mode("pause", null, ChargingMode.LIVE, MintingMode.PAUSED, at(0)));

        // when
        List<LedgerRecord> records = ledger.onIpn(ipn("1", PaymentStatus.FINISHED, at(1)));
        ledger.onAction(mode("resume", null, ChargingMode.LIVE, MintingMode.LIVE, at(2)));
        List<LedgerRecord> released = ledger.onAction(
                OperatorAction.of("release-1", ActionKind.RELEASE, null, "1", null, null, "ops", "verified", at(3)));

        // then
        PaymentOutcome held = only(PaymentOutcome.class, records).get(0);
        assertThat(held.mintOutcome()).isEqualTo(MintOutcome.HELD_PAUSED);
        assertThat(held.lotId()).isNull();
        assertThat(only(LedgerEntry.class, records)).isEmpty();
        assertThat(((ActionOutcome) released.get(0)).result()).isEqualTo(ActionResult.APPLIED);
        assertThat(balance(COMMUNITY_A)).isEqualTo(10_500_000);
    }

    @Test
    void a_resent_mode_change_is_a_duplicate_and_does_not_undo_a_later_one() {
        // given
        OperatorAction shadow = mode("shadow", COMMUNITY_A, ChargingMode.SHADOW, MintingMode.LIVE, at(0));
        ledger.onIpn(ipn("1", PaymentStatus.FINISHED, at(0)));
        ledger.onAction(shadow);
        ledger.onAction(mode("live", COMMUNITY_A, ChargingMode.LIVE, MintingMode.LIVE, at(1)));

        // when
        ActionOutcome again = (ActionOutcome) ledger.onAction(shadow).get(0);
        ledger.onUsage(usage("fin-1", COMMUNITY_A, 1_000_000, at(2)));

        // then
        assertThat(again.result()).isEqualTo(ActionResult.DUPLICATE);
        assertThat(balance(COMMUNITY_A)).isEqualTo(9_500_000);
    }

    @Test
    void each_task_keeps_its_own_copy_of_the_global_mode_so_the_replay_follows_each_partition() {
        // given: community A's records sit in partition 0, community B's in partition 1
        ledger.inTask(0).onIpn(ipn("1", PaymentStatus.FINISHED, "10", "usd", COMMUNITY_A, at(0)));
        ledger.inTask(1).onIpn(ipn("2", PaymentStatus.FINISHED, "10", "usd", COMMUNITY_B, at(0)));
        OperatorAction global = mode("all-shadow", null, ChargingMode.SHADOW, MintingMode.LIVE, at(1));

        // when: partition 0's copy is read, partition 1's not yet
        ledger.inTask(0).onAction(global);
        ledger.inTask(0).onUsage(usage("fin-a", COMMUNITY_A, 1_000_000, at(2)));
        ledger.inTask(1).onUsage(usage("fin-b", COMMUNITY_B, 1_000_000, at(2)));
        ActionOutcome secondCopy = (ActionOutcome) ledger.inTask(1).onAction(global).get(0);
        ledger.inTask(1).onUsage(usage("fin-b2", COMMUNITY_B, 1_000_000, at(3)));

        // then: each copy applies in its own task, with the same outcome
        assertThat(balance(COMMUNITY_A)).isEqualTo(10_500_000);
        assertThat(balance(COMMUNITY_B)).isEqualTo(9_500_000);
        assertThat(secondCopy.result()).isEqualTo(ActionResult.APPLIED);
        assertThat(secondCopy.outcomeId()).isEqualTo("action:" + global.actionId() + ":applied");
    }
}
