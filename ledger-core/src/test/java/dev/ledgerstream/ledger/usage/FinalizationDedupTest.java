package dev.ledgerstream.ledger.usage;

import static dev.ledgerstream.ledger.testing.LedgerFixtures.COMMUNITY_A;
import static dev.ledgerstream.ledger.testing.LedgerFixtures.COMMUNITY_B;
import static dev.ledgerstream.ledger.testing.LedgerFixtures.at;
import static dev.ledgerstream.ledger.testing.LedgerFixtures.usage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ledgerstream.ledger.guard.GuardCheck;
import dev.ledgerstream.ledger.guard.GuardResult;
import dev.ledgerstream.schemas.ingest.UsageFinalizationReceived;
import dev.ledgerstream.schemas.ledger.GuardViolation;
import dev.ledgerstream.schemas.ledger.Invariant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class FinalizationDedupTest {

    private static FinalizationCheck check(RecordedFinalization prior, UsageFinalizationReceived usage) {
        return FinalizationDedup.check(prior, usage, UsageContent.hash(usage));
    }

    private static CrossCommunityCheck crossCommunity(RecordedFinalization owner, UsageFinalizationReceived usage) {
        return FinalizationDedup.crossCommunity(owner, FinalizationDedup.claim(usage, UsageContent.hash(usage)));
    }

    /** The record a first sight of {@code usage} stores. */
    static RecordedFinalization recorded(UsageFinalizationReceived usage) {
        return check(null, usage).recorded();
    }

    static GuardViolation violationOf(FinalizationCheck check) {
        return check.guard().violations().get(0);
    }

    @Test
    void an_unseen_finalization_id_is_a_first_sight_to_store_with_one_passing_i6_check_and_no_output() {
        // given
        UsageFinalizationReceived usage = usage("fin-1", COMMUNITY_A, 1_000, at(1));

        // when
        FinalizationCheck check = check(null, usage);

        // then
        assertThat(check.verdict()).isEqualTo(FinalizationVerdict.FIRST);
        assertThat(check.isFirst()).isTrue();
        assertThat(check.recorded())
                .isEqualTo(new RecordedFinalization("fin-1", COMMUNITY_A, UsageContent.hash(usage), at(1)));
        assertThat(check.events()).isEmpty();
        assertThat(check.guard().checks()).singleElement().isEqualTo(GuardCheck.pass(Invariant.I_6));
    }

    @Test
    void the_same_content_resent_later_is_a_duplicate_with_one_passing_i6_check_and_nothing_to_store() {
        // given: the resend is received later, which is not part of the content
        RecordedFinalization prior = recorded(usage("fin-1", COMMUNITY_A, 1_000, at(1)));

        // when
        FinalizationCheck check = check(prior, usage("fin-1", COMMUNITY_A, 1_000, at(9)));

        // then
        assertThat(check.verdict()).isEqualTo(FinalizationVerdict.DUPLICATE);
        assertThat(check.isFirst()).isFalse();
        assertThat(check.recorded()).isEqualTo(prior);
        assertThat(check.events()).isEmpty();
        assertThat(check.guard().checks()).singleElement().isEqualTo(GuardCheck.pass(Invariant.I_6));
    }

    @Test
    void other_content_under_the_same_id_is_a_conflict_where_the_first_stands() {
        // given
        UsageFinalizationReceived original = usage("fin-1", COMMUNITY_A, 1_000, at(1));
        UsageFinalizationReceived changed = usage("fin-1", COMMUNITY_A, 2_000, at(2));
        RecordedFinalization prior = recorded(original);

        // when
        FinalizationCheck check = check(prior, changed);

        // then
        assertThat(check.verdict()).isEqualTo(FinalizationVerdict.CONFLICT);
        assertThat(check.recorded()).isEqualTo(prior);
        assertThat(check.events()).singleElement().isEqualTo(violationOf(check));
        GuardViolation violation = violationOf(check);
        assertThat(violation.invariant()).isEqualTo(Invariant.I_6);
        assertThat(violation.communityId()).isEqualTo(COMMUNITY_A);
        assertThat(violation.detectedAt()).isEqualTo(at(2));
        assertThat(violation.details()).containsEntry("finalization_id", "fin-1")
                .containsEntry("first_content_hash", UsageContent.hash(original))
                .containsEntry("conflicting_content_hash", UsageContent.hash(changed));
    }

    @Test
    void checked_against_another_communitys_record_an_id_is_a_conflict_filed_under_the_later_community_naming_both() {
        // given
        UsageFinalizationReceived first = usage("fin-1", COMMUNITY_A, 1_000, at(1));
        UsageFinalizationReceived reused = usage("fin-1", COMMUNITY_B, 1_000, at(2));

        // when
        FinalizationCheck check = check(recorded(first), reused);

        // then
        assertThat(check.verdict()).isEqualTo(FinalizationVerdict.CONFLICT);
        assertThat(check.recorded().communityId()).isEqualTo(COMMUNITY_A);
        GuardViolation violation = violationOf(check);
        assertThat(violation.key()).isEqualTo(COMMUNITY_B);
        assertThat(violation.details()).containsEntry("first_community_id", COMMUNITY_A)
                .containsEntry("first_content_hash", UsageContent.hash(first))
                .containsEntry("conflicting_community_id", COMMUNITY_B)
                .containsEntry("conflicting_content_hash", UsageContent.hash(reused));
    }

    @Test
    void a_conflict_gets_the_same_violation_id_in_a_replay_and_another_one_for_other_content() {
        // given
        RecordedFinalization prior = recorded(usage("fin-1", COMMUNITY_A, 1_000, at(1)));

        // when
        String first = violationOf(check(prior, usage("fin-1", COMMUNITY_A, 2_000, at(2))))
                .violationId();
        String replayed = violationOf(check(prior, usage("fin-1", COMMUNITY_A, 2_000, at(2))))
                .violationId();
        String other = violationOf(check(prior, usage("fin-1", COMMUNITY_A, 3_000, at(2))))
                .violationId();

        // then
        assertThat(replayed).isEqualTo(first).startsWith("violation:I-6:");
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void a_record_of_another_finalization_id_is_a_caller_bug() {
        // given
        RecordedFinalization prior = recorded(usage("fin-1", COMMUNITY_A, 1_000, at(1)));

        // when / then
        assertThatThrownBy(() -> check(prior, usage("fin-2", COMMUNITY_A, 1_000, at(2))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_side_check_records_the_first_sight_of_an_id_as_its_owner_and_reports_nothing() {
        // given
        UsageFinalizationReceived usage = usage("fin-1", COMMUNITY_A, 1_000, at(1));

        // when
        CrossCommunityCheck check = crossCommunity(null, usage);

        // then: the owner is the record the main path stores for the same first sight
        assertThat(check.ownerToRecord()).contains(recorded(usage));
        assertThat(check.violation()).isEmpty();
        assertThat(check.events()).isEmpty();
        assertThat(check.guard().checks()).isEmpty();
    }

    @Test
    void the_side_check_leaves_the_owners_own_resends_and_conflicts_to_the_main_path() {
        // given
        RecordedFinalization owner = recorded(usage("fin-1", COMMUNITY_A, 1_000, at(1)));

        // when
        CrossCommunityCheck resend = crossCommunity(owner, usage("fin-1", COMMUNITY_A, 1_000, at(2)));
        CrossCommunityCheck changed = crossCommunity(owner, usage("fin-1", COMMUNITY_A, 2_000, at(3)));

        // then
        for (CrossCommunityCheck check : List.of(resend, changed)) {
            assertThat(check.ownerToRecord()).isEmpty();
            assertThat(check.events()).isEmpty();
            assertThat(check.guard().checks()).isEmpty();
        }
    }

    @Test
    void the_side_check_reports_an_id_owned_by_another_community_exactly_as_the_dedup_check_does() {
        // given
        RecordedFinalization owner = recorded(usage("fin-1", COMMUNITY_A, 1_000, at(1)));
        UsageFinalizationReceived reused = usage("fin-1", COMMUNITY_B, 1_000, at(2));

        // when
        CrossCommunityCheck check = crossCommunity(owner, reused);

        // then: one failed I-6 check, the owner stays as it is
        assertThat(check.ownerToRecord()).isEmpty();
        assertThat(check.guard()).isEqualTo(check(owner, reused).guard());
        assertThat(check.guard().checks()).singleElement().satisfies(c -> assertThat(c.passed()).isFalse());
        assertThat(check.events()).containsExactly(check.violation().orElseThrow());
        assertThat(check.violation()).hasValueSatisfying(violation -> {
            assertThat(violation.invariant()).isEqualTo(Invariant.I_6);
            assertThat(violation.key()).isEqualTo(COMMUNITY_B);
            assertThat(violation.details()).containsEntry("first_community_id", COMMUNITY_A)
                    .containsEntry("conflicting_community_id", COMMUNITY_B);
        });
    }

    @Test
    void a_usage_that_conflicts_in_its_own_community_and_with_another_owner_gets_two_distinct_violation_ids() {
        // given: A owns the id; B recorded its own first version; B then sends other content
        RecordedFinalization owner = recorded(usage("fin-1", COMMUNITY_A, 1_000, at(1)));
        RecordedFinalization ownRecord = recorded(usage("fin-1", COMMUNITY_B, 1_000, at(2)));
        UsageFinalizationReceived changed = usage("fin-1", COMMUNITY_B, 2_000, at(3));

        // when
        GuardViolation side = crossCommunity(owner, changed).violation().orElseThrow();
        GuardViolation main = violationOf(check(ownRecord, changed));

        // then: both are kept by a sink that is idempotent on the violation id
        assertThat(side.violationId()).isNotEqualTo(main.violationId());
        assertThat(side.details()).containsEntry("first_community_id", COMMUNITY_A);
        assertThat(main.details()).containsEntry("first_community_id", COMMUNITY_B);
    }

    @Test
    void the_same_conflict_in_two_communities_gets_two_distinct_violation_ids() {
        // given: fin-1 recorded in both communities, then changed in both
        RecordedFinalization inA = recorded(usage("fin-1", COMMUNITY_A, 1_000, at(1)));
        RecordedFinalization inB = recorded(usage("fin-1", COMMUNITY_B, 1_000, at(1)));

        // when
        String a = violationOf(check(inA, usage("fin-1", COMMUNITY_A, 2_000, at(2)))).violationId();
        String b = violationOf(check(inB, usage("fin-1", COMMUNITY_B, 2_000, at(2)))).violationId();

        // then
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void a_side_check_against_the_owner_of_another_id_is_a_caller_bug() {
        // given
        RecordedFinalization owner = recorded(usage("fin-1", COMMUNITY_A, 1_000, at(1)));

        // when / then
        assertThatThrownBy(() -> crossCommunity(owner, usage("fin-2", COMMUNITY_B, 1_000, at(2))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_side_check_outcome_cannot_both_record_an_owner_and_report() {
        // given
        RecordedFinalization owner = recorded(usage("fin-1", COMMUNITY_A, 1_000, at(1)));
        GuardResult reuse = check(owner, usage("fin-1", COMMUNITY_B, 1_000, at(2))).guard();

        // when / then
        assertThatThrownBy(() -> new CrossCommunityCheck(Optional.of(owner), reuse))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CrossCommunityCheck(Optional.empty(), GuardResult.of(GuardCheck.pass(Invariant.I_6))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
