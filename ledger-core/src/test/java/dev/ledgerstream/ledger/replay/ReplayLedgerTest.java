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
        assertThat(ledger.finalizations().get(RecordedFinalization.storeKey(COMMUNITY_A, "fin-1")).recordedAt())
                .isEqualTo(at(1));
        assertThat(ledger.owners().get("fin-1").recordedAt()).isEqualTo(at(1));
    }

    @Test
    void other_content_under_a_recorded_id_in_the_same_community_is_one_i6_conflict_and_the_first_stands() {
        // given
        ReplayLedger ledger = ledger();
        ledger.onGrant(grant("a", COMMUNITY_A, 5_000_000, at(0), null));
        ledger.onUsage(usage("fin-1", COMMUNITY_A, 1_000, at(1)));

        // when
        List<LedgerRecord> changed = ledger.onUsage(usage("fin-1", COMMUNITY_A, 2_000, at(2)));

        // then
        assertThat(changed).singleElement().isInstanceOfSatisfying(GuardViolation.class, violation -> {
            assertThat(violation.invariant()).isEqualTo(Invariant.I_6);
            assertThat(violation.communityId()).isEqualTo(COMMUNITY_A);
        });
        assertThat(ledger.communities().get(COMMUNITY_A).debitedMicro()).isEqualTo(1_000);
    }

    @Test
    void a_finalization_id_reused_across_two_communities_is_recorded_in_both_and_reported_once_before_the_second_usage() {
        // given: both communities have credit
        ReplayLedger ledger = ledger();
        ledger.onGrant(grant("a", COMMUNITY_A, 5_000_000, at(0), null));
        ledger.onGrant(grant("b", COMMUNITY_B, 5_000_000, at(0), null));

        // when
        List<LedgerRecord> first = ledger.onUsage(usage("fin-1", COMMUNITY_A, 1_000, at(1)));
        List<LedgerRecord> reused = ledger.onUsage(usage("fin-1", COMMUNITY_B, 3_000, at(2)));

        // then: A's usage is plain; B's is recorded too, after the violation that B is told about
        assertThat(only(GuardViolation.class, first)).isEmpty();
        assertThat(reused.get(0)).isInstanceOfSatisfying(GuardViolation.class, violation -> {
            assertThat(violation.invariant()).isEqualTo(Invariant.I_6);
            assertThat(violation.communityId()).isEqualTo(COMMUNITY_B);
            assertThat(violation.details()).containsEntry("first_community_id", COMMUNITY_A)
                    .containsEntry("conflicting_community_id", COMMUNITY_B);
        });
        assertThat(only(GuardViolation.class, reused)).hasSize(1);
        assertThat(only(UsageRecorded.class, reused)).singleElement()
                .satisfies(usage -> assertThat(usage.communityId()).isEqualTo(COMMUNITY_B));
        assertThat(ledger.communities().get(COMMUNITY_A).debitedMicro()).isEqualTo(1_000);
        assertThat(ledger.communities().get(COMMUNITY_B).debitedMicro()).isEqualTo(3_000);
        assertThat(ledger.finalizations()).containsOnlyKeys(RecordedFinalization.storeKey(COMMUNITY_A, "fin-1"),
                RecordedFinalization.storeKey(COMMUNITY_B, "fin-1"));
        assertThat(ledger.owners()).containsOnlyKeys("fin-1");
        assertThat(ledger.owners().get("fin-1").communityId()).isEqualTo(COMMUNITY_A);
    }

    @Test
    void a_resend_of_a_reused_id_is_not_debited_again_and_reports_the_reuse_under_the_same_violation_id() {
        // given
        ReplayLedger ledger = ledger();
        ledger.onGrant(grant("b", COMMUNITY_B, 5_000_000, at(0), null));
        ledger.onUsage(usage("fin-1", COMMUNITY_A, 1_000, at(1)));
        GuardViolation reported = only(GuardViolation.class, ledger.onUsage(usage("fin-1", COMMUNITY_B, 1_000, at(2))))
                .get(0);

        // when
        List<LedgerRecord> resent = ledger.onUsage(usage("fin-1", COMMUNITY_B, 1_000, at(3)));

        // then: the side check cannot know B's main path absorbs it; the sink keeps the first report
        assertThat(resent).singleElement().isInstanceOfSatisfying(GuardViolation.class,
                violation -> assertThat(violation.violationId()).isEqualTo(reported.violationId()));
        assertThat(ledger.communities().get(COMMUNITY_B).debitedMicro()).isEqualTo(1_000);
    }

    @Test
    void a_usage_that_reuses_another_communitys_id_and_conflicts_in_its_own_community_reports_both_with_distinct_ids() {
        // given: A owns fin-1; B recorded its own fin-1
        ReplayLedger ledger = ledger();
        ledger.onUsage(usage("fin-1", COMMUNITY_A, 1_000, at(1)));
        ledger.onUsage(usage("fin-1", COMMUNITY_B, 1_000, at(2)));

        // when
        List<LedgerRecord> changed = ledger.onUsage(usage("fin-1", COMMUNITY_B, 2_000, at(3)));

        // then: the side check's report first, then the main path's conflict; nothing is debited
        List<GuardViolation> violations = only(GuardViolation.class, changed);
        assertThat(changed).hasSameSizeAs(violations);
        assertThat(violations).extracting(violation -> violation.details().get("first_community_id"))
                .containsExactly(COMMUNITY_A, COMMUNITY_B);
        assertThat(violations).extracting(GuardViolation::violationId).doesNotHaveDuplicates();
    }

    @Test
    void a_usage_recorded_in_two_communities_reports_its_unfunded_rest_under_distinct_violation_ids() {
        // given: neither community has credit
        ReplayLedger ledger = ledger();

        // when
        List<LedgerRecord> records = new ArrayList<>(ledger.onUsage(usage("fin-1", COMMUNITY_A, 1_000, at(1))));
        records.addAll(ledger.onUsage(usage("fin-1", COMMUNITY_B, 1_000, at(2))));

        // then: one I-12 in each community, and the I-6 of the reuse
        List<GuardViolation> violations = only(GuardViolation.class, records);
        assertThat(violations).extracting(GuardViolation::invariant)
                .containsExactly(Invariant.I_12, Invariant.I_6, Invariant.I_12);
        assertThat(violations).extracting(GuardViolation::violationId).doesNotHaveDuplicates();
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
                before.finalizations(), before.owners(), before.communities(), before.closedLots());

        // then: a resend is absorbed; a reuse by another community (which has no credit) is still reported
        assertThat(after.onUsage(usage("fin-1", COMMUNITY_A, 1_000, at(2)))).isEmpty();
        assertThat(only(GuardViolation.class, after.onUsage(usage("fin-1", COMMUNITY_B, 1_000, at(3)))))
                .extracting(GuardViolation::invariant).containsExactly(Invariant.I_6, Invariant.I_12);
        assertThat(after.communities().get(COMMUNITY_A)).isEqualTo(before.communities().get(COMMUNITY_A));
    }

    @Test
    void resuming_from_a_state_stored_under_another_key_is_refused_even_with_the_two_finalization_maps_swapped() {
        // given
        RecordedFinalization recorded = new RecordedFinalization("fin-1", COMMUNITY_A, "a".repeat(64), at(0));

        Map<String, RecordedFinalization> byStoreKey = Map.of(recorded.storeKey(), recorded);
        Map<String, RecordedFinalization> byId = Map.of("fin-1", recorded);
        PaymentDecider decider = PaymentDecider.withoutLotTtl();

        // when / then: the keys that are right are accepted
        assertThat(ReplayLedger.resume(decider, Map.of(), byStoreKey, byId, Map.of(), Map.of()).owners()).isEqualTo(byId);
        assertThatThrownBy(() -> ReplayLedger.resume(decider, Map.of(),
                Map.of(RecordedFinalization.storeKey(COMMUNITY_B, "fin-1"), recorded), Map.of(), Map.of(), Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReplayLedger.resume(decider, Map.of(), Map.of(), Map.of("fin-2", recorded), Map.of(), Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReplayLedger.resume(decider, Map.of(), byId, byStoreKey, Map.of(), Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReplayLedger.resume(decider, Map.of(), Map.of(), Map.of(),
                Map.of(COMMUNITY_B, CommunityState.empty(COMMUNITY_A)), Map.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_state_views_are_read_only() {
        // given
        ReplayLedger ledger = ledger();

        // when / then
        assertThatThrownBy(() -> ledger.communities().put(COMMUNITY_A, CommunityState.empty(COMMUNITY_A)))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> ledger.finalizations().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> ledger.owners().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> ledger.payments().clear()).isInstanceOf(UnsupportedOperationException.class);
    }
}
