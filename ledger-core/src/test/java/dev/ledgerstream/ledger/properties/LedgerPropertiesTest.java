package dev.ledgerstream.ledger.properties;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerstream.ledger.guard.ConservationGuard;
import dev.ledgerstream.ledger.guard.GuardContext;
import dev.ledgerstream.ledger.lots.CommunityState;
import dev.ledgerstream.ledger.lots.Lot;
import dev.ledgerstream.ledger.payment.PaymentDecider;
import dev.ledgerstream.ledger.payment.PaymentState;
import dev.ledgerstream.ledger.properties.Scenarios.Blueprint;
import dev.ledgerstream.ledger.replay.ReplayLedger;
import dev.ledgerstream.ledger.testing.LedgerFixtures;
import dev.ledgerstream.ledger.usage.RecordedFinalization;
import dev.ledgerstream.schemas.LedgerJson;
import dev.ledgerstream.schemas.ledger.GuardViolation;
import dev.ledgerstream.schemas.ledger.Invariant;
import dev.ledgerstream.schemas.ledger.LedgerEntry;
import dev.ledgerstream.schemas.ledger.LedgerRecord;
import dev.ledgerstream.schemas.ledger.PaymentOutcome;
import dev.ledgerstream.schemas.ledger.TransitionOutcome;
import dev.ledgerstream.schemas.ledger.UsageRecorded;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;

/**
 * Property tests of the whole core (payments, finalization dedup, lots, guard), driven through
 * {@link dev.ledgerstream.ledger.replay.ReplayLedger} against {@link ReferenceModel}, over generated
 * sequences of notifications, usage, grants and expiry ticks.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class LedgerPropertiesTest {

    /** The only violations a correct ledger reports: business outcomes the admin must see. */
    static final Set<Invariant> EXPECTED = Set.of(Invariant.I_6, Invariant.I_10, Invariant.I_12);

    @Provide
    Arbitrary<List<Blueprint>> scenarios() {
        return Scenarios.blueprints();
    }

    @Provide
    Arbitrary<Duration> ttls() {
        return Scenarios.lotTtl();
    }

    static PaymentDecider decider(Duration ttl) {
        return ttl.isZero() ? PaymentDecider.withoutLotTtl() : PaymentDecider.withLotTtl(ttl);
    }

    @Property(tries = 400)
    void the_ledger_agrees_with_the_reference_model_and_reports_only_the_violations_it_predicts(
            @ForAll("scenarios") List<Blueprint> blueprints, @ForAll("ttls") Duration ttl) {
        // given
        List<Step> steps = Scenarios.steps(blueprints);
        ReferenceModel model = new ReferenceModel(ttl.isZero() ? null : ttl);
        steps.forEach(model::accept);

        // when
        Pipeline pipeline = Pipeline.run(decider(ttl), steps);

        // then
        assertCommunitiesMatch(model, pipeline);
        assertPaymentsMatch(model, pipeline);
        assertUsageMatches(model, pipeline);
        assertThat(conflicts(pipeline)).isEqualTo(model.conflicts);
        assertThat(violationCounts(pipeline)).isEqualTo(model.violations);
        assertThat(outcomeCounts(pipeline)).isEqualTo(model.outcomes);
        model.violations.keySet().forEach(invariant -> Statistics.label("violations").collect(invariant.wireName()));
        Statistics.label("expired").collect(model.communities.values().stream()
                .anyMatch(c -> c.lots.values().stream().anyMatch(lot -> lot.expired > 0)));
        Statistics.label("cross-community reuse").collect(model.conflicts.stream()
                .anyMatch(conflict -> !conflict.get(1).equals(conflict.get(2))));
        Statistics.label("usage reused and in conflict in its own community").collect(model.reportedTwice > 0);
        Statistics.label("conflict within a community").collect(model.conflicts.stream()
                .anyMatch(conflict -> conflict.get(1).equals(conflict.get(2))));
        Statistics.label("refund of a spent lot").collect(model.communities.values().stream()
                .anyMatch(c -> c.lots.values().stream().anyMatch(lot -> lot.status.equals("revoked") && lot.debited > 0)));
    }

    @Property(tries = 300)
    void conservation_holds_after_every_operation_and_ids_never_collide(
            @ForAll("scenarios") List<Blueprint> blueprints, @ForAll("ttls") Duration ttl) {
        // when
        Pipeline pipeline = Pipeline.run(decider(ttl), Scenarios.steps(blueprints));

        // then: every failed check is emitted as exactly one violation, so the violations are the failures
        assertThat(pipeline.emitted).filteredOn(GuardViolation.class::isInstance)
                .extracting(record -> ((GuardViolation) record).invariant()).allMatch(EXPECTED::contains);
        GuardContext system = new GuardContext(null, "system-check", LedgerFixtures.T0);
        assertThat(ConservationGuard.checkSystem(pipeline.ledger.communities().values(), system).passed()).isTrue();
        assertUniqueIds(pipeline.emitted);
    }

    @Property(tries = 300)
    void processing_the_same_input_twice_gives_identical_output(
            @ForAll("scenarios") List<Blueprint> blueprints, @ForAll("ttls") Duration ttl) {
        // given
        List<Step> steps = Scenarios.steps(blueprints);

        // when
        Pipeline first = Pipeline.run(decider(ttl), steps);
        Pipeline replay = Pipeline.run(decider(ttl), steps);

        // then
        assertThat(render(replay)).isEqualTo(render(first));
    }

    @Property(tries = 200)
    void a_restart_from_json_stored_state_continues_exactly_where_it_stopped(
            @ForAll("scenarios") List<Blueprint> blueprints, @ForAll("ttls") Duration ttl) {
        // given
        List<Step> steps = Scenarios.steps(blueprints);
        int half = steps.size() / 2;
        Pipeline uninterrupted = Pipeline.run(decider(ttl), steps);

        // when: stop halfway, write every state as its store would, read it back, go on
        Pipeline before = Pipeline.run(decider(ttl), steps.subList(0, half));
        Pipeline after = new Pipeline(ReplayLedger.resume(decider(ttl),
                roundTrip(before.ledger.payments(), PaymentState.class),
                roundTrip(before.ledger.finalizations(), RecordedFinalization.class),
                roundTrip(before.ledger.owners(), RecordedFinalization.class),
                roundTrip(before.ledger.communities(), CommunityState.class),
                roundTrip(before.ledger.closedLots(), Lot.class)));
        after.emitted.addAll(before.emitted);
        steps.subList(half, steps.size()).forEach(after::accept);

        // then
        assertThat(render(after)).isEqualTo(render(uninterrupted));
    }

    /** Every state written as its store's serde writes it, and read back. */
    private static <T> Map<String, T> roundTrip(Map<String, T> states, Class<T> type) {
        Map<String, T> read = new TreeMap<>();
        states.forEach((key, state) -> read.put(key,
                LedgerJson.mapper().readValue(LedgerJson.mapper().writeValueAsBytes(state), type)));
        return read;
    }

    private static String render(Pipeline pipeline) {
        ReplayLedger ledger = pipeline.ledger;
        return pipeline.emitted + "\n" + ledger.payments() + "\n" + ledger.finalizations() + "\n"
                + ledger.owners() + "\n" + ledger.communities() + "\n" + ledger.closedLots();
    }

    private static void assertCommunitiesMatch(ReferenceModel model, Pipeline pipeline) {
        Map<String, CommunityState> communities = pipeline.ledger.communities();
        assertThat(communities.keySet()).containsExactlyInAnyOrderElementsOf(model.communities.keySet());
        communities.forEach((id, state) -> {
            assertThat(List.of(state.mintedMicro(), state.balanceMicro(), state.debitedMicro(), state.expiredMicro(),
                    state.revokedMicro()))
                    .as("totals of %s", id)
                    .containsExactly(model.total(id, "minted"), model.total(id, "remaining"), model.total(id, "debited"),
                            model.total(id, "expired"), model.total(id, "revoked"));
            Map<String, ReferenceModel.Lot> expectedLots = model.communities.get(id).lots;
            List<Lot> lots = pipeline.ledger.lots().values().stream().filter(lot -> lot.communityId().equals(id))
                    .toList();
            assertThat(lots).hasSize(expectedLots.size());
            assertThat(state.lots()).allMatch(Lot::debitable);
            for (Lot lot : lots) {
                ReferenceModel.Lot expected = expectedLots.get(lot.lotId());
                assertThat(List.of(lot.remainingMicro(), lot.debitedMicro(), lot.expiredMicro(), lot.revokedMicro()))
                        .as("lot %s", lot.lotId())
                        .containsExactly(expected.remaining, expected.debited, expected.expired, expected.revoked);
                assertThat(lot.status().name().toLowerCase(Locale.ROOT)).isEqualTo(expected.status);
            }
        });
    }

    private static void assertPaymentsMatch(ReferenceModel model, Pipeline pipeline) {
        Map<String, PaymentState> payments = pipeline.ledger.payments();
        assertThat(payments.keySet()).containsExactlyInAnyOrderElementsOf(model.payments.keySet());
        payments.forEach((id, state) -> {
            ReferenceModel.Payment expected = model.payments.get(id);
            assertThat(state.status().wireName()).as("status of %s", id).isEqualTo(expected.status);
            assertThat(state.mintOutcome()).as("mint outcome of %s", id).isEqualTo(expected.mint);
            assertThat(state.lotId()).isEqualTo(expected.lotId);
            assertThat(state.creditedMicro()).isEqualTo(expected.credited);
            assertThat(state.communityId()).isEqualTo(expected.community);
        });
    }

    private static void assertUsageMatches(ReferenceModel model, Pipeline pipeline) {
        List<UsageRecorded> recorded = pipeline.emitted.stream().filter(UsageRecorded.class::isInstance)
                .map(UsageRecorded.class::cast).toList();
        assertThat(recorded).hasSameSizeAs(model.usages.keySet());
        assertThat(pipeline.ledger.finalizations()).hasSameSizeAs(model.usages.keySet());
        for (UsageRecorded usage : recorded) {
            long[] expected = model.usages.get(List.of(usage.communityId(), usage.finalizationId()));
            assertThat(expected).as("usage %s in %s", usage.finalizationId(), usage.communityId()).isNotNull();
            assertThat(new long[] {usage.debitedMicro(), usage.unfundedMicro()})
                    .as("usage %s in %s", usage.finalizationId(), usage.communityId()).containsExactly(expected);
        }
        Map<String, String> owners = new TreeMap<>();
        pipeline.ledger.owners().forEach((id, owner) -> owners.put(id, owner.communityId()));
        assertThat(owners).isEqualTo(model.ownerByFinalization);
    }

    /** The I-6 violations as the model lists its conflicts: id, first community, refused community. */
    private static List<List<String>> conflicts(Pipeline pipeline) {
        return pipeline.emitted.stream().filter(GuardViolation.class::isInstance).map(GuardViolation.class::cast)
                .filter(violation -> violation.invariant() == Invariant.I_6)
                .map(violation -> List.of(violation.details().get("finalization_id"),
                        violation.details().get("first_community_id"), violation.communityId()))
                .toList();
    }

    private static Map<Invariant, Integer> violationCounts(Pipeline pipeline) {
        Map<Invariant, Integer> counts = new EnumMap<>(Invariant.class);
        pipeline.emitted.stream().filter(GuardViolation.class::isInstance).map(GuardViolation.class::cast)
                .forEach(violation -> counts.merge(violation.invariant(), 1, Integer::sum));
        return counts;
    }

    private static Map<TransitionOutcome, Integer> outcomeCounts(Pipeline pipeline) {
        Map<TransitionOutcome, Integer> counts = new EnumMap<>(TransitionOutcome.class);
        pipeline.emitted.stream().filter(PaymentOutcome.class::isInstance).map(PaymentOutcome.class::cast)
                .forEach(outcome -> counts.merge(outcome.outcome(), 1, Integer::sum));
        return counts;
    }

    /**
     * The sink's idempotency keys: distinct entries never share an id; one usage event per
     * community and finalization id (I-6); distinct findings never share a violation id (a repeated
     * report of the same finding, such as a reuse resent, keeps its id).
     */
    private static void assertUniqueIds(List<LedgerRecord> emitted) {
        Set<String> entryIds = new HashSet<>();
        Set<List<String>> usages = new HashSet<>();
        Map<String, List<Object>> findings = new HashMap<>();
        for (LedgerRecord record : emitted) {
            if (record instanceof LedgerEntry entry) {
                assertThat(entryIds.add(entry.entryId())).as("entry id %s", entry.entryId()).isTrue();
            }
            if (record instanceof UsageRecorded usage) {
                assertThat(usages.add(List.of(usage.communityId(), usage.finalizationId())))
                        .as("usage %s in %s", usage.finalizationId(), usage.communityId()).isTrue();
            }
            if (record instanceof GuardViolation violation) {
                List<Object> finding = Arrays.asList(violation.invariant(), violation.communityId(), violation.details());
                assertThat(findings.putIfAbsent(violation.violationId(), finding))
                        .as("violation id %s", violation.violationId()).isIn(null, finding);
            }
        }
    }
}
