package dev.ledgerstream.stream;

import static dev.ledgerstream.stream.TestEvents.finished;
import static dev.ledgerstream.stream.TestEvents.finishedPaying;
import static dev.ledgerstream.stream.TestEvents.ipn;
import static dev.ledgerstream.stream.TestEvents.usage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.ledgerstream.schemas.TopicSpec;
import dev.ledgerstream.schemas.Topics;
import dev.ledgerstream.schemas.ingest.IpnReceived;
import dev.ledgerstream.schemas.ingest.UsageFinalizationReceived;
import dev.ledgerstream.schemas.ingest.ActionKind;
import dev.ledgerstream.schemas.ingest.OperatorAction;
import dev.ledgerstream.schemas.ledger.LotDebit;
import dev.ledgerstream.schemas.ingest.MintingMode;
import dev.ledgerstream.schemas.ingest.ChargingMode;
import dev.ledgerstream.schemas.ledger.ActionOutcome;
import dev.ledgerstream.schemas.ledger.ActionResult;
import dev.ledgerstream.schemas.ledger.LotSource;
import dev.ledgerstream.schemas.ledger.EntryType;
import dev.ledgerstream.schemas.ledger.GuardViolation;
import dev.ledgerstream.schemas.ledger.Invariant;
import dev.ledgerstream.schemas.ledger.LedgerEntry;
import dev.ledgerstream.schemas.ledger.MintOutcome;
import dev.ledgerstream.schemas.ledger.PaymentOutcome;
import dev.ledgerstream.schemas.ledger.TransitionOutcome;
import dev.ledgerstream.schemas.ledger.UsageRecorded;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every ledger rule through the production topology and configuration ({@code LedgerTopology}). */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class LedgerTopologyTest {

    static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

    @TempDir
    Path stateDir;

    static final Duration GRACE = Duration.ofSeconds(1);

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    Instant wallClock;
    final String community = UUID.randomUUID().toString();
    TopologyTestDriver driver;
    TestInputTopic<String, IpnReceived> ipns;
    TestInputTopic<String, UsageFinalizationReceived> usages;
    TestOutputTopic<String, PaymentOutcome> payments;
    TestOutputTopic<String, LedgerEntry> entries;
    TestOutputTopic<String, UsageRecorded> usageEvents;
    TestOutputTopic<String, GuardViolation> violations;
    TestInputTopic<String, OperatorAction> actions;
    TestOutputTopic<String, ActionOutcome> actionOutcomes;

    @BeforeEach
    void start() {
        start(null);
    }

    void start(Duration lotTtl) {
        if (driver != null) {
            driver.close();
        }
        LedgerSettings settings = new LedgerSettings("ledger-test", "unused:9092", 6, 1, 0, 1,
                stateDir.toString(), lotTtl, Duration.ofMinutes(1), GRACE, LedgerSettings.DEFAULT_STATE_MEMORY_BYTES);
        wallClock = T0;
        StreamsBuilder builder = new StreamsBuilder();
        LedgerTopology.build(builder, settings, registry);
        Properties config = LedgerTopology.config(settings, registry);
        driver = new TopologyTestDriver(builder.build(config), config, T0);
        ipns = input(Topics.PAYMENTS_IPN);
        usages = input(Topics.USAGE_FINALIZATIONS);
        payments = output(Topics.LEDGER_PAYMENTS);
        entries = output(Topics.LEDGER_ENTRIES);
        usageEvents = output(Topics.LEDGER_USAGE_EVENTS);
        violations = output(Topics.LEDGER_GUARD_VIOLATIONS);
        actions = input(Topics.OPERATOR_ACTIONS);
        actionOutcomes = output(Topics.LEDGER_OPERATOR_ACTIONS);
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    <V> TestInputTopic<String, V> input(TopicSpec<String, V> topic) {
        return driver.createInputTopic(topic.name(), new StringSerializer(), topic.valueSerde().serializer());
    }

    <V> TestOutputTopic<String, V> output(TopicSpec<String, V> topic) {
        return driver.createOutputTopic(topic.name(), new StringDeserializer(), topic.valueSerde().deserializer());
    }

    /**
     * Sends a notification stamped with its receipt time (the broker's append time in production), then
     * lets the order grace pass on the wall clock, as when no usage of its task follows it.
     */
    void send(IpnReceived ipn) {
        hold(ipn);
        advanceWallClockTo(ipn.receivedAt().plus(GRACE).plusMillis(1));
    }

    /** Sends a notification and leaves it in the hold: its order is settled by what comes next. */
    void hold(IpnReceived ipn) {
        ipns.pipeInput(TestEvents.key(ipn), ipn, ipn.receivedAt());
    }

    /** Sends an operator's action keyed by {@code key}, stamped with its request time, and leaves it in the hold. */
    void hold(String key, OperatorAction action) {
        actions.pipeInput(key, action, action.requestedAt());
    }

    void send(UsageFinalizationReceived usage) {
        usages.pipeInput(usage.communityId(), usage, usage.receivedAt());
    }

    /** Moves the wall clock to {@code time}, and always by at least the grace, so that the hold is looked at. */
    void advanceWallClockTo(Instant time) {
        Duration step = time.isAfter(wallClock.plus(GRACE)) ? Duration.between(wallClock, time) : GRACE;
        driver.advanceWallClockTime(step);
        wallClock = wallClock.plus(step);
    }

    @Test
    void the_first_finished_notification_mints_exactly_one_lot_at_the_pack_price() {
        // when
        send(ipn(1, "waiting", "25", "usd", community, T0));
        send(finished(1, "25", community, T0.plusSeconds(60)));
        send(finished(1, "25", community, T0.plusSeconds(60)));
        // then
        List<PaymentOutcome> outcomes = payments.readValuesToList();
        assertThat(outcomes).extracting(PaymentOutcome::outcome).containsExactly(
                TransitionOutcome.ACCEPTED, TransitionOutcome.ACCEPTED, TransitionOutcome.DUPLICATE);
        assertThat(outcomes.get(1).mintOutcome()).isEqualTo(MintOutcome.MINTED);
        List<TestRecord<String, LedgerEntry>> minted = entries.readRecordsToList();
        assertThat(minted).hasSize(1);
        assertThat(minted.get(0).key()).isEqualTo(community);
        assertThat(minted.get(0).value().type()).isEqualTo(EntryType.LOT_MINTED);
        assertThat(minted.get(0).value().amountMicro()).isEqualTo(27_500_000L);
        assertThat(violations.isEmpty()).isTrue();
    }

    @Test
    void a_stale_status_after_finished_changes_nothing() {
        send(finished(2, "10", community, T0));
        send(ipn(2, "confirming", "10", "usd", community, T0.plusSeconds(5)));
        assertThat(payments.readValuesToList()).extracting(PaymentOutcome::outcome)
                .containsExactly(TransitionOutcome.ACCEPTED, TransitionOutcome.STALE);
        assertThat(entries.readValuesToList()).hasSize(1);
    }

    @Test
    void partially_paid_and_unsupported_payments_mint_nothing_but_are_recorded_with_their_outcome() {
        send(ipn(3, "partially_paid", "25", "usd", community, T0));
        send(ipn(4, "finished", "25", "eur", community, T0));
        send(ipn(5, "finished", "4.99", "usd", community, T0));
        send(ipn(6, "finished", "25", "usd", "not-a-community", T0));
        assertThat(payments.readValuesToList()).extracting(PaymentOutcome::mintOutcome).containsExactly(
                MintOutcome.PARTIALLY_PAID, MintOutcome.UNSUPPORTED_CURRENCY, MintOutcome.BELOW_MINIMUM,
                MintOutcome.UNKNOWN_COMMUNITY);
        assertThat(entries.isEmpty()).isTrue();
    }

    @Test
    void a_repeat_deposit_and_an_underpaid_payment_are_held_and_usage_after_them_is_unfunded() {
        // when: a repeat deposit that paid in full, then a finished payment that paid 9.88 of 10, then usage
        send(finishedPaying(40, "10", "10", 39L, community, T0));
        send(finishedPaying(41, "10", "9.88", null, community, T0.plusSeconds(1)));
        send(finishedPaying(42, "5", "5", null, community, T0.plusSeconds(2)));
        send(usage("fin-held", community, "cheap", 6_000_000, T0.plusSeconds(3)));

        // then: only the payment that paid its price minted, and the usage found only its lot
        assertThat(payments.readValuesToList()).extracting(PaymentOutcome::mintOutcome).containsExactly(
                MintOutcome.HELD_REPEAT_DEPOSIT, MintOutcome.HELD_UNDERPAID, MintOutcome.MINTED);
        assertThat(entries.readValuesToList()).extracting(LedgerEntry::type, LedgerEntry::amountMicro).containsExactly(
                tuple(EntryType.LOT_MINTED, 5_000_000L), tuple(EntryType.LOT_DEBITED, 5_000_000L));
        assertThat(usageEvents.readValuesToList()).singleElement()
                .satisfies(usage -> assertThat(usage.unfundedMicro()).isEqualTo(1_000_000L));
    }

    @Test
    void usage_debits_lots_oldest_first_and_records_what_it_could_not_fund() {
        // given two lots: 5,000,000 then 10,500,000
        send(finished(10, "5", community, T0));
        send(finished(11, "10", community, T0.plusSeconds(1)));
        entries.readValuesToList();
        // when usage spends past the first lot, then past everything
        send(usage("fin-a", community, "cheap", 6_000_000, T0.plusSeconds(10)));
        send(usage("fin-b", community, "fast-code", 10_000_000, T0.plusSeconds(20)));
        // then
        List<UsageRecorded> recorded = usageEvents.readValuesToList();
        assertThat(recorded).hasSize(2);
        assertThat(recorded.get(0).debits()).hasSize(2);
        assertThat(recorded.get(0).unfundedMicro()).isZero();
        assertThat(recorded.get(1).debitedMicro()).isEqualTo(9_500_000L);
        assertThat(recorded.get(1).unfundedMicro()).isEqualTo(500_000L);
        List<LedgerEntry> debits = entries.readValuesToList();
        assertThat(debits).allMatch(entry -> entry.type() == EntryType.LOT_DEBITED);
        assertThat(debits.get(0).amountMicro()).isEqualTo(5_000_000L);
        assertThat(debits.get(0).paymentId()).isEqualTo("10");
        assertThat(violations.readValuesToList()).extracting(GuardViolation::invariant).containsExactly(Invariant.I_12);
        assertThat(registry.counter("conservation.guard.failures", "invariant", "I-12").count()).isEqualTo(1.0);
        assertThat(registry.counter("conservation.guard.checks", "result", "pass").count()).isPositive();
    }

    @Test
    void a_finalization_is_recorded_once_per_community_and_every_conflicting_reuse_is_a_violation() {
        // given
        String other = UUID.randomUUID().toString();
        send(finished(20, "25", community, T0));
        // when
        send(usage("fin-1", community, "cheap", 1_000, T0.plusSeconds(1)));
        send(usage("fin-1", community, "cheap", 1_000, T0.plusSeconds(1)));
        send(usage("fin-1", community, "cheap", 2_000, T0.plusSeconds(2)));
        send(usage("fin-1", other, "cheap", 1_000, T0.plusSeconds(3)));
        // then the first version stands in its community; the other community's use is recorded in
        // that community (no order across partitions says which came first) and reported
        assertThat(usageEvents.readValuesToList()).extracting(UsageRecorded::communityId, UsageRecorded::amountMicro)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(community, 1_000L),
                        org.assertj.core.groups.Tuple.tuple(other, 1_000L));
        List<GuardViolation> conflicts = violations.readValuesToList().stream()
                .filter(violation -> violation.invariant() == Invariant.I_6).toList();
        assertThat(conflicts).hasSize(2);
        assertThat(conflicts).extracting(GuardViolation::communityId).containsExactlyInAnyOrder(community, other);
    }

    @Test
    void a_refund_revokes_what_is_left_and_reports_credit_already_spent() {
        send(finished(30, "10", community, T0));
        send(usage("fin-r", community, "reviewer", 500_000, T0.plusSeconds(1)));
        send(ipn(30, "refunded", "10", "usd", community, T0.plusSeconds(2)));
        List<LedgerEntry> all = entries.readValuesToList();
        assertThat(all).extracting(LedgerEntry::type)
                .containsExactly(EntryType.LOT_MINTED, EntryType.LOT_DEBITED, EntryType.LOT_REVOKED);
        assertThat(all.get(2).amountMicro()).isEqualTo(10_000_000L);
        assertThat(violations.readValuesToList()).extracting(GuardViolation::invariant).contains(Invariant.I_12);
    }

    @Test
    void lots_expire_on_the_wall_clock_when_a_ttl_is_set() {
        // given lots from payments expire after one day
        start(Duration.ofDays(1));
        send(finished(40, "5", community, T0));
        send(usage("fin-e", community, "cheap", 1_000_000, T0.plusSeconds(1)));
        entries.readValuesToList();
        // when a day and a minute pass
        advanceWallClockTo(T0.plus(Duration.ofDays(1)).plus(Duration.ofMinutes(1)));
        // then
        assertThat(entries.readValuesToList()).singleElement().satisfies(entry -> {
            assertThat(entry.type()).isEqualTo(EntryType.LOT_EXPIRED);
            assertThat(entry.amountMicro()).isEqualTo(4_000_000L);
        });
    }

    @Test
    void usage_stamped_after_its_funding_notification_is_debited_from_that_payments_lot() {
        // given the notification is in the hold, its order not yet settled
        hold(finished(70, "10", community, T0));
        // when usage stamped a millisecond later arrives, before any wall-clock time has passed
        send(usage("fin-after", community, "cheap", 1_000_000, T0.plusMillis(1)));
        // then the notification is applied first, and the usage is funded by its lot
        assertThat(entries.readValuesToList()).extracting(LedgerEntry::type)
                .containsExactly(EntryType.LOT_MINTED, EntryType.LOT_DEBITED);
        assertThat(usageEvents.readValuesToList()).singleElement()
                .satisfies(recorded -> assertThat(recorded.unfundedMicro()).isZero());
        assertThat(violations.isEmpty()).isTrue();
    }

    @Test
    void usage_stamped_in_the_same_millisecond_as_a_notification_goes_first_whichever_arrives_first() {
        // when the notification arrives first but the usage shares its millisecond
        hold(finished(71, "10", community, T0));
        send(usage("fin-same", community, "cheap", 1_000_000, T0));
        // then the usage is applied first (unfunded), and the notification only when its order is settled
        assertThat(usageEvents.readValuesToList()).singleElement()
                .satisfies(recorded -> assertThat(recorded.unfundedMicro()).isEqualTo(1_000_000L));
        assertThat(payments.isEmpty()).isTrue();
        advanceWallClockTo(T0.plus(GRACE).plusMillis(1));
        assertThat(payments.readValuesToList()).singleElement()
                .satisfies(outcome -> assertThat(outcome.mintOutcome()).isEqualTo(MintOutcome.MINTED));
    }

    @Test
    void a_release_mints_a_held_payments_lot_and_usage_stamped_after_it_is_debited_from_it() {
        // given an underpaid payment, held
        send(finishedPaying(80, "10", "9.5", null, community, T0));
        OperatorAction release = OperatorAction.of("release-80", ActionKind.RELEASE, null, "80", null, null, "ops",
                "paid the rest by bank transfer", T0.plusSeconds(5));
        // when the release is in the hold and usage a millisecond later arrives
        hold(community, release);
        send(usage("fin-released", community, "cheap", 1_000_000, T0.plusSeconds(5).plusMillis(1)));
        // then the release went first: its lot funds the usage
        assertThat(actionOutcomes.readValuesToList()).singleElement().satisfies(outcome -> {
            assertThat(outcome.result()).isEqualTo(ActionResult.APPLIED);
            assertThat(outcome.actor()).isEqualTo("ops");
        });
        assertThat(entries.readValuesToList()).extracting(LedgerEntry::type, LedgerEntry::amountMicro).containsExactly(
                tuple(EntryType.LOT_MINTED, 10_500_000L), tuple(EntryType.LOT_DEBITED, 1_000_000L));
        assertThat(usageEvents.readValuesToList()).singleElement()
                .satisfies(recorded -> assertThat(recorded.unfundedMicro()).isZero());
        // and the same release again changes nothing
        hold(community, release);
        advanceWallClockTo(T0.plusSeconds(10));
        assertThat(actionOutcomes.readValuesToList()).extracting(ActionOutcome::result)
                .containsExactly(ActionResult.DUPLICATE);
        assertThat(entries.isEmpty()).isTrue();
    }

    @Test
    void in_shadow_usage_debits_nothing_and_with_minting_paused_a_finished_payment_is_held() {
        // given a funded community put in shadow, and minting paused for every community
        send(finished(90, "10", community, T0));
        hold(community, OperatorAction.chargingMode("shadow", community, ChargingMode.SHADOW, MintingMode.LIVE, "ops",
                "pricing bug", T0.plusSeconds(1)));
        hold(OperatorAction.GLOBAL, OperatorAction.chargingMode("pause", null, ChargingMode.LIVE, MintingMode.PAUSED,
                "ops", "provider incident", T0.plusSeconds(2)));
        advanceWallClockTo(T0.plusSeconds(5));
        entries.readValuesToList();
        payments.readValuesToList();
        assertThat(actionOutcomes.readValuesToList()).extracting(ActionOutcome::result)
                .containsExactly(ActionResult.APPLIED, ActionResult.APPLIED);

        // when usage and a finished payment arrive
        send(usage("fin-shadow", community, "cheap", 1_000_000, T0.plusSeconds(6)));
        send(finished(91, "25", community, T0.plusSeconds(7)));

        // then the usage is recorded with what it would have debited and nothing is debited or minted
        assertThat(usageEvents.readValuesToList()).singleElement().satisfies(recorded -> {
            assertThat(recorded.chargingMode()).isEqualTo(ChargingMode.SHADOW);
            assertThat(recorded.waivedMicro()).isEqualTo(1_000_000L);
            assertThat(recorded.shadowDebits()).extracting(LotDebit::amountMicro).containsExactly(1_000_000L);
        });
        assertThat(entries.isEmpty()).isTrue();
        assertThat(payments.readValuesToList()).singleElement()
                .satisfies(outcome -> assertThat(outcome.mintOutcome()).isEqualTo(MintOutcome.HELD_PAUSED));
        assertThat(registry.get("ledger.usage.shadow").counter().count()).isEqualTo(1.0);
        assertThat(registry.get("ledger.mints.held.paused").counter().count()).isEqualTo(1.0);
    }

    @Test
    void a_grant_and_usage_in_the_same_millisecond_apply_usage_first_and_the_grant_when_its_order_is_settled() {
        // when
        OperatorAction grant = OperatorAction.of("welcome", ActionKind.GRANT, community, null, 2_000_000L, null, "ops",
                "welcome credit", T0);
        hold(community, grant);
        send(usage("fin-same-ms", community, "cheap", 500_000, T0));
        // then the usage found nothing yet, as a replay of the same topics will find
        assertThat(usageEvents.readValuesToList()).singleElement()
                .satisfies(recorded -> assertThat(recorded.unfundedMicro()).isEqualTo(500_000L));
        assertThat(actionOutcomes.isEmpty()).isTrue();
        advanceWallClockTo(T0.plus(GRACE).plusMillis(1));
        assertThat(entries.readValuesToList()).singleElement().satisfies(entry -> {
            assertThat(entry.lotSource()).isEqualTo(LotSource.GRANT);
            assertThat(entry.amountMicro()).isEqualTo(2_000_000L);
        });
        assertThat(actionOutcomes.readValuesToList()).extracting(ActionOutcome::result)
                .containsExactly(ActionResult.APPLIED);
    }

    @Test
    void a_notification_and_an_action_in_one_millisecond_apply_the_notification_first_whichever_arrived_first() {
        // when the release arrives before the notification that makes its payment held, in the same millisecond
        OperatorAction release = OperatorAction.of("release-81", ActionKind.RELEASE, null, "81", null, null, "ops",
                "checked", T0);
        hold(community, release);
        hold(finishedPaying(81, "10", "9.5", null, community, T0));
        advanceWallClockTo(T0.plus(GRACE).plusMillis(1));
        // then the notification was decided first, and the release found it held
        assertThat(payments.readValuesToList()).extracting(PaymentOutcome::mintOutcome)
                .containsExactly(MintOutcome.HELD_UNDERPAID);
        assertThat(actionOutcomes.readValuesToList()).extracting(ActionOutcome::result)
                .containsExactly(ActionResult.APPLIED);
    }

    @Test
    void a_status_answer_of_the_provider_is_decided_like_a_notification_and_a_payment_mints_once_either_way() {
        // given the provider's status API answer (ADR 0016), in its canonical form, for two payments
        for (long payment : new long[] {90, 91}) {
            String canonical = "{\"actually_paid\":0.0004,\"actually_paid_at_fiat\":10,\"created_at\":"
                    + "\"2026-12-01T10:00:00.000Z\",\"order_id\":\"" + community + ":pack\",\"pay_address\":\"a\","
                    + "\"pay_amount\":0.0004,\"pay_currency\":\"btc\",\"payment_id\":" + payment
                    + ",\"payment_status\":\"finished\",\"price_amount\":10,\"price_currency\":\"usd\","
                    + "\"updated_at\":\"2026-12-01T10:30:00.000Z\"}";
            IpnReceived polled = new IpnReceived(TestEvents.sha256(canonical), Long.toString(payment), "status_api",
                    T0.plusSeconds(payment), canonical);
            IpnReceived webhook = finished(payment, "10", community, T0.plusSeconds(payment).plusMillis(5));
            // when: the answer first for one payment, the webhook first for the other
            if (payment == 90) {
                send(polled);
                send(webhook);
            } else {
                send(webhook);
                send(polled);
            }
        }
        // then each payment minted exactly one lot; the second word on it was a duplicate
        assertThat(entries.readValuesToList()).extracting(LedgerEntry::type, LedgerEntry::paymentId).containsExactly(
                tuple(EntryType.LOT_MINTED, "90"), tuple(EntryType.LOT_MINTED, "91"));
        assertThat(payments.readValuesToList()).extracting(PaymentOutcome::paymentId, PaymentOutcome::outcome)
                .containsExactly(tuple("90", TransitionOutcome.ACCEPTED), tuple("90", TransitionOutcome.DUPLICATE),
                        tuple("91", TransitionOutcome.ACCEPTED), tuple("91", TransitionOutcome.DUPLICATE));
        assertThat(violations.isEmpty()).isTrue();
    }

    @Test
    void a_notification_waits_for_the_order_grace_on_the_wall_clock_when_no_usage_follows() {
        // when
        hold(finished(72, "10", community, T0));
        driver.advanceWallClockTime(GRACE.minusMillis(1));
        wallClock = wallClock.plus(GRACE.minusMillis(1));
        // then
        assertThat(payments.isEmpty()).isTrue();
        // when
        advanceWallClockTo(T0.plus(GRACE).plusMillis(1));
        // then
        assertThat(payments.readValuesToList()).hasSize(1);
        assertThat(entries.readValuesToList()).hasSize(1);
    }

    /**
     * The driver does not capture the handler's dead-letter records, so their content (original
     * bytes, headers) is asserted on a real broker in {@code LedgerPipelineIT}.
     */
    @Test
    void a_poison_record_is_dead_lettered_and_counted_and_processing_goes_on() {
        // given
        TestInputTopic<String, byte[]> raw = driver.createInputTopic(Topics.PAYMENTS_IPN.name(),
                new StringSerializer(), new ByteArraySerializer());
        // when
        raw.pipeInput("77", "{\"event_id\":\"not-a-hash\"}".getBytes(StandardCharsets.UTF_8));
        send(finished(50, "5", community, T0));
        // then
        assertThat(registry.counter("ledger.dead.letters", "source", "payments.ipn.v1", "stage", "deserialization")
                .count()).isEqualTo(1.0);
        assertThat(entries.readValuesToList()).hasSize(1);
    }

    @Test
    void the_same_input_gives_byte_identical_output_in_a_fresh_topology() throws Exception {
        // given a mixed sequence
        List<Runnable> inputs = List.of(
                () -> send(finished(60, "25", community, T0)),
                () -> send(usage("fin-x", community, "cheap", 3_000_000, T0.plusSeconds(1))),
                () -> send(usage("fin-y", community, "reasoning", 30_000_000, T0.plusSeconds(2))),
                () -> send(ipn(60, "refunded", "25", "usd", community, T0.plusSeconds(3))));
        inputs.forEach(Runnable::run);
        String first = entries.readValuesToList() + "|" + usageEvents.readValuesToList() + "|"
                + violations.readValuesToList() + "|" + payments.readValuesToList();
        // when
        driver.close();
        driver = null;
        stateDir = Files.createTempDirectory(stateDir, "again");
        start(null);
        inputs.forEach(Runnable::run);
        String second = entries.readValuesToList() + "|" + usageEvents.readValuesToList() + "|"
                + violations.readValuesToList() + "|" + payments.readValuesToList();
        // then
        assertThat(second).isEqualTo(first);
    }
}
