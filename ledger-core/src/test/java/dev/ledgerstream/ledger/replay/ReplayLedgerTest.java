package dev.ledgerstream.ledger.replay;

import static dev.ledgerstream.ledger.testing.LedgerFixtures.COMMUNITY_A;
import static dev.ledgerstream.ledger.testing.LedgerFixtures.COMMUNITY_B;
import static dev.ledgerstream.ledger.testing.LedgerFixtures.at;
import static dev.ledgerstream.ledger.testing.LedgerFixtures.grant;
import static dev.ledgerstream.ledger.testing.LedgerFixtures.ipn;
import static dev.ledgerstream.ledger.testing.LedgerFixtures.usage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ledgerstream.ledger.lots.CommunityState;
import dev.ledgerstream.ledger.payment.PaymentDecider;
import dev.ledgerstream.ledger.usage.RecordedFinalization;
import dev.ledgerstream.schemas.PaymentStatus;
import dev.ledgerstream.schemas.ledger.EntryType;
import dev.ledgerstream.schemas.ledger.GuardViolation;
import dev.ledgerstream.schemas.ledger.Invariant;
import dev.ledgerstream.schemas.ledger.LedgerEntry;
import dev.ledgerstream.schemas.ledger.LedgerRecord;
import dev.ledgerstream.schemas.ledger.PaymentOutcome;
import dev.ledgerstream.schemas.ledger.UsageRecorded;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ReplayLedgerTest {

    static ReplayLedger ledger() {
        return new ReplayLedger(PaymentDecider.withoutLotTtl());
    }

    static <T extends LedgerRecord> List<T> only(Class<T> type, List<LedgerRecord> records) {
        return records.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Test
    void a_finished_payment_emits_its_outcome_then_its_mint_and_credits_its_community() {
        // given
        ReplayLedger ledger = ledger();

        // when
        List<LedgerRecord> records = ledger.onIpn(ipn("1", PaymentStatus.FINISHED, at(0)));

        // then
        assertThat(records).hasSize(2);
        assertThat(records.get(0)).isInstanceOf(PaymentOutcome.class);
        assertThat(records.get(1)).isInstanceOfSatisfying(LedgerEntry.class,
                entry -> assertThat(entry.type()).isEqualTo(EntryType.LOT_MINTED));
        assertThat(ledger.payments()).containsOnlyKeys("1");
        assertThat(ledger.communities().get(COMMUNITY_A).balanceMicro()).isEqualTo(10_500_000);
    }

    @Test
    void usage_is_debited_once_and_a_resend_emits_nothing() {
        // given
        ReplayLedger ledger = ledger();
        ledger.onIpn(ipn("1", PaymentStatus.FINISHED, at(0)));

        // when
        List<LedgerRecord> first = ledger.onUsage(usage("fin-1", COMMUNITY_A, 1_000, at(1)));
        List<LedgerRecord> resent = ledger.onUsage(usage("fin-1", COMMUNITY_A, 1_000, at(2)));

        // then
        assertThat(only(UsageRecorded.class, first)).hasSize(1);
        assertThat(resent).isEmpty();
        assertThat(ledger.communities().get(COMMUNITY_A).debitedMicro()).isEqualTo(1_000);
        assertThat(ledger.finalizations().get("fin-1").recordedAt()).isEqualTo(at(1));
    }

    @Test
    void a_finalization_id_reused_across_two_communities_yields_one_usage_event_and_one_i6_conflict() {
        // given: both communities have credit
        ReplayLedger ledger = ledger();
        ledger.onGrant(grant("a", COMMUNITY_A, 5_000_000, at(0), null));
        ledger.onGrant(grant("b", COMMUNITY_B, 5_000_000, at(0), null));
        List<LedgerRecord> records = new ArrayList<>();

        // when
        records.addAll(ledger.onUsage(usage("fin-1", COMMUNITY_A, 1_000, at(1))));
        records.addAll(ledger.onUsage(usage("fin-1", COMMUNITY_B, 1_000, at(2))));

        // then: the first stands; B's usage is refused and B is told
        assertThat(only(UsageRecorded.class, records)).singleElement()
                .satisfies(usage -> assertThat(usage.communityId()).isEqualTo(COMMUNITY_A));
        assertThat(only(GuardViolation.class, records)).singleElement().satisfies(violation -> {
            assertThat(violation.invariant()).isEqualTo(Invariant.I_6);
            assertThat(violation.communityId()).isEqualTo(COMMUNITY_B);
            assertThat(violation.details()).containsEntry("first_community_id", COMMUNITY_A)
                    .containsEntry("conflicting_community_id", COMMUNITY_B);
        });
        assertThat(ledger.communities().get(COMMUNITY_A).debitedMicro()).isEqualTo(1_000);
        assertThat(ledger.communities().get(COMMUNITY_B).debitedMicro()).isZero();
        assertThat(ledger.finalizations().get("fin-1").communityId()).isEqualTo(COMMUNITY_A);
    }

    @Test
    void a_refund_revokes_the_lot_in_its_community_right_after_the_outcome() {
        // given
        ReplayLedger ledger = ledger();
        ledger.onIpn(ipn("1", PaymentStatus.FINISHED, at(0)));

        // when
        List<LedgerRecord> records = ledger.onIpn(ipn("1", PaymentStatus.REFUNDED, at(1)));

        // then
        assertThat(records.get(0)).isInstanceOf(PaymentOutcome.class);
        assertThat(only(LedgerEntry.class, records)).singleElement()
                .satisfies(entry -> assertThat(entry.type()).isEqualTo(EntryType.LOT_REVOKED));
        assertThat(ledger.communities().get(COMMUNITY_A).balanceMicro()).isZero();
    }

    @Test
    void expiry_runs_over_every_known_community() {
        // given
        ReplayLedger ledger = ledger();
        ledger.onGrant(grant("a", COMMUNITY_A, 1_000, at(0), at(10)));
        ledger.onGrant(grant("b", COMMUNITY_B, 2_000, at(0), at(10)));

        // when
        List<LedgerRecord> records = ledger.expire(at(10));

        // then
        assertThat(only(LedgerEntry.class, records)).extracting(LedgerEntry::communityId)
                .containsExactlyInAnyOrder(COMMUNITY_A, COMMUNITY_B);
        assertThat(ledger.expire(at(11))).isEmpty();
    }

    @Test
    void a_resumed_ledger_keeps_deduplicating_against_the_stored_finalizations() {
        // given
        ReplayLedger before = ledger();
        before.onGrant(grant("a", COMMUNITY_A, 5_000_000, at(0), null));
        before.onUsage(usage("fin-1", COMMUNITY_A, 1_000, at(1)));

        // when
        ReplayLedger after = ReplayLedger.resume(PaymentDecider.withoutLotTtl(), before.payments(),
                before.finalizations(), before.communities());

        // then
        assertThat(after.onUsage(usage("fin-1", COMMUNITY_A, 1_000, at(2)))).isEmpty();
        assertThat(after.communities()).isEqualTo(before.communities());
    }

    @Test
    void resuming_from_a_state_stored_under_another_key_is_refused() {
        // given
        RecordedFinalization recorded = new RecordedFinalization("fin-1", COMMUNITY_A, "a".repeat(64), at(0));

        // when / then
        assertThatThrownBy(() -> ReplayLedger.resume(PaymentDecider.withoutLotTtl(), Map.of(),
                Map.of("fin-2", recorded), Map.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReplayLedger.resume(PaymentDecider.withoutLotTtl(), Map.of(), Map.of(),
                Map.of(COMMUNITY_B, CommunityState.empty(COMMUNITY_A)))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_state_views_are_read_only() {
        // given
        ReplayLedger ledger = ledger();

        // when / then
        assertThatThrownBy(() -> ledger.communities().put(COMMUNITY_A, CommunityState.empty(COMMUNITY_A)))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> ledger.finalizations().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> ledger.payments().clear()).isInstanceOf(UnsupportedOperationException.class);
    }
}
