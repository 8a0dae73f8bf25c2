package dev.ledgerstream.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerstream.ledger.payment.IpnInputs;
import dev.ledgerstream.ledger.payment.PaymentDecider;
import dev.ledgerstream.ledger.replay.ReplayLedger;
import dev.ledgerstream.ledger.task.InputOrder;
import dev.ledgerstream.schemas.TopicSpec;
import dev.ledgerstream.schemas.Topics;
import dev.ledgerstream.schemas.ingest.ActionKind;
import dev.ledgerstream.schemas.ingest.ChargingMode;
import dev.ledgerstream.schemas.ingest.IpnReceived;
import dev.ledgerstream.schemas.ingest.MintingMode;
import dev.ledgerstream.schemas.ingest.OperatorAction;
import dev.ledgerstream.schemas.ingest.UsageFinalizationReceived;
import dev.ledgerstream.schemas.ledger.LedgerRecord;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The order of ADR 0011 and 0015 does not depend on how the broker hands a task its partitions. For
 * random inputs of one task (a few communities buying, refunding and spending, some payments held,
 * operators granting, releasing and dismissing, timestamps with many ties) and random interleavings
 * that Kafka Streams could produce (each partition in order; never a record whose timestamp is later
 * than another partition's next one, since that one was appended before it; ties either way;
 * wall-clock time passing whenever no record that is still to come lies within the order grace), the
 * production topology writes exactly, record for record and in order, what {@link ReplayLedger}
 * writes for the same records in {@link InputOrder}.
 */
class InterleavingPropertyTest {

    private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");
    private static final Duration GRACE = Duration.ofSeconds(1);
    private static final List<String> COMMUNITIES = List.of("11111111-1111-4111-8111-111111111111",
            "22222222-2222-4222-8222-222222222222", "33333333-3333-4333-8333-333333333333");
    private static final List<TopicSpec<String, ? extends LedgerRecord>> OUTPUTS = List.of(Topics.LEDGER_PAYMENTS,
            Topics.LEDGER_ENTRIES, Topics.LEDGER_USAGE_EVENTS, Topics.LEDGER_GUARD_VIOLATIONS,
            Topics.LEDGER_OPERATOR_ACTIONS);

    /** One raw record of the task: its topic's record, its key, and its broker timestamp. */
    private record Raw(Object value, String key, long timestamp, InputOrder.Source source) {
    }

    @Property(tries = 60)
    void any_interleaving_streams_could_produce_gives_the_replays_output(@ForAll long seed) throws Exception {
        // given: the task's three partitions, by InputOrder.Source
        Random random = new Random(seed);
        List<List<Raw>> partitions = generate(random);
        List<LedgerRecord> expected = replay(partitions);
        // when
        List<LedgerRecord> actual = topology(random, partitions);
        // then each ledger topic holds the same records in the same order (violations: the same set,
        // since the owner check writes its own to that topic from another sub-topology)
        for (TopicSpec<String, ? extends LedgerRecord> topic : OUTPUTS) {
            List<LedgerRecord> live = of(actual, topic);
            List<LedgerRecord> replayed = of(expected, topic);
            if (topic == Topics.LEDGER_GUARD_VIOLATIONS) {
                assertThat(live).as(topic.name()).containsExactlyInAnyOrderElementsOf(replayed);
            } else {
                assertThat(live).as(topic.name()).isEqualTo(replayed);
            }
        }
        List<Raw> usage = partitions.get(InputOrder.Source.USAGE.ordinal());
        assertThat(of(expected, Topics.LEDGER_USAGE_EVENTS)).hasSize(usage.stream()
                .map(raw -> ((UsageFinalizationReceived) raw.value()).communityId() + "|"
                        + ((UsageFinalizationReceived) raw.value()).finalizationId()).distinct().toList().size());
    }

    private static List<List<Raw>> generate(Random random) {
        List<List<Raw>> partitions = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        long[] at = {T0.toEpochMilli(), T0.toEpochMilli(), T0.toEpochMilli()};
        int events = 10 + random.nextInt(30);
        long paymentId = 100;
        for (int e = 0; e < events; e++) {
            String community = COMMUNITIES.get(random.nextInt(COMMUNITIES.size()));
            int kind = random.nextInt(6);
            InputOrder.Source source = kind == 0 ? InputOrder.Source.PAYMENT
                    : kind == 1 ? InputOrder.Source.ACTION : InputOrder.Source.USAGE;
            long time = at[source.ordinal()] += random.nextInt(3);
            Instant instant = Instant.ofEpochMilli(time);
            Object value;
            String key = community;
            if (source == InputOrder.Source.PAYMENT) {
                boolean refund = random.nextInt(5) == 0 && paymentId > 100;
                long id = refund ? 100 + random.nextInt((int) (paymentId - 100)) : paymentId++;
                value = refund ? TestEvents.ipn(id, "refunded", "5", "usd", community, instant)
                        : random.nextBoolean() ? TestEvents.ipn(id, "finished", "5", "usd", community, instant)
                        : TestEvents.finishedPaying(id, "5", "4", null, community, instant); // held_underpaid
            } else if (source == InputOrder.Source.ACTION) {
                if (random.nextInt(3) == 0) {
                    // The charging switch, for this community or (key *) every community: the task decides
                    // each usage and mint under the mode in force at its place in the order.
                    boolean global = random.nextBoolean();
                    value = OperatorAction.chargingMode("mode-" + random.nextInt(4), global ? null : community,
                            random.nextBoolean() ? ChargingMode.SHADOW : ChargingMode.LIVE,
                            random.nextBoolean() ? MintingMode.PAUSED : MintingMode.LIVE, "ops", "property", instant);
                    key = global ? OperatorAction.GLOBAL : community;
                } else if (random.nextBoolean() || paymentId == 100) {
                    value = OperatorAction.of("grant-" + random.nextInt(4), ActionKind.GRANT, community, null,
                            1L + random.nextInt(2) * 1_000_000L, null, "ops", "property", instant);
                } else {
                    // A payment the task may or may not know yet, held or not: the task decides.
                    String payment = Long.toString(100 + random.nextInt((int) (paymentId - 100 + 1)));
                    ActionKind resolution = random.nextBoolean() ? ActionKind.RELEASE : ActionKind.DISMISS;
                    value = OperatorAction.of("resolve-" + random.nextInt(3), resolution, null, payment, null, null,
                            "ops", "property", instant);
                }
            } else {
                String finalization = "f-" + random.nextInt(events);
                value = TestEvents.usage(finalization, community, "cheap", 1 + random.nextInt(3_000_000), instant);
            }
            partitions.get(source.ordinal()).add(new Raw(value, key, time, source));
        }
        return partitions;
    }

    private static List<LedgerRecord> replay(List<List<Raw>> partitions) {
        ReplayLedger ledger = new ReplayLedger(PaymentDecider.withoutLotTtl());
        List<LedgerRecord> records = new ArrayList<>();
        for (Raw raw : InputOrder.merge(partitions, r -> new InputOrder.Position(r.timestamp(), r.source(), 0))) {
            if (raw.value() instanceof IpnReceived ipn) {
                records.addAll(ledger.onIpn(IpnInputs.from(ipn)));
            } else if (raw.value() instanceof OperatorAction action) {
                records.addAll(ledger.onAction(action));
            } else {
                records.addAll(ledger.onUsage((UsageFinalizationReceived) raw.value()));
            }
        }
        return records;
    }

    private static List<LedgerRecord> topology(Random random, List<List<Raw>> partitions) throws Exception {
        Path state = Files.createTempDirectory("interleaving");
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        LedgerSettings settings = new LedgerSettings("interleaving", "unused:9092", 1, 1, 0, 1, state.toString(),
                null, Duration.ofMinutes(1), GRACE, LedgerSettings.DEFAULT_STATE_MEMORY_BYTES);
        StreamsBuilder builder = new StreamsBuilder();
        LedgerTopology.build(builder, settings, registry);
        Properties config = LedgerTopology.config(settings, registry);
        Instant wallClock = T0;
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(config), config, wallClock)) {
            List<TestInputTopic<String, Object>> inputs = new ArrayList<>();
            for (TopicSpec<String, ?> topic : List.of(Topics.USAGE_FINALIZATIONS, Topics.PAYMENTS_IPN,
                    Topics.OPERATOR_ACTIONS)) {
                inputs.add(input(driver, topic));
            }
            int[] next = new int[partitions.size()];
            while (true) {
                List<Integer> allowed = new ArrayList<>();
                for (int p = 0; p < partitions.size(); p++) {
                    if (next[p] < partitions.get(p).size() && notLaterThanOtherHeads(partitions, next, p)) {
                        allowed.add(p);
                    }
                }
                if (allowed.isEmpty()) {
                    break;
                }
                int p = allowed.get(random.nextInt(allowed.size()));
                Raw raw = partitions.get(p).get(next[p]++);
                String key = raw.value() instanceof IpnReceived ipn ? TestEvents.key(ipn) : raw.key();
                inputs.get(p).pipeInput(key, raw.value(), raw.timestamp());
                if (random.nextInt(4) == 0) {
                    // Time passes, but no record still to come lies within the grace of where the clock
                    // gets to: every partition's next record reaches the task within the order grace.
                    Instant limit = Instant.MAX;
                    for (int q = 0; q < partitions.size(); q++) {
                        if (next[q] < partitions.get(q).size()) {
                            Instant due = Instant.ofEpochMilli(partitions.get(q).get(next[q]).timestamp()).plus(GRACE);
                            limit = due.isBefore(limit) ? due : limit;
                        }
                    }
                    Instant to = wallClock.plusMillis(random.nextInt(2_000));
                    if (to.isAfter(limit)) {
                        to = limit;
                    }
                    if (to.isAfter(wallClock)) {
                        driver.advanceWallClockTime(Duration.between(wallClock, to));
                        wallClock = to;
                    }
                }
            }
            driver.advanceWallClockTime(Duration.ofMinutes(1));
            return outputs(driver);
        }
    }

    /** Streams hands over partition {@code p}'s next record only when no other partition's next record is earlier. */
    private static boolean notLaterThanOtherHeads(List<List<Raw>> partitions, int[] next, int p) {
        long timestamp = partitions.get(p).get(next[p]).timestamp();
        for (int other = 0; other < partitions.size(); other++) {
            if (other != p && next[other] < partitions.get(other).size()
                    && partitions.get(other).get(next[other]).timestamp() < timestamp) {
                return false;
            }
        }
        return true;
    }

    @SuppressWarnings("unchecked") // each topic's serde takes that topic's records, which are what is piped into it
    private static TestInputTopic<String, Object> input(TopologyTestDriver driver, TopicSpec<String, ?> topic) {
        return driver.createInputTopic(topic.name(), new StringSerializer(),
                (org.apache.kafka.common.serialization.Serializer<Object>) topic.valueSerde().serializer());
    }

    private static List<LedgerRecord> of(List<LedgerRecord> records, TopicSpec<String, ? extends LedgerRecord> topic) {
        Class<?> type = topic.valueSerde().type();
        return records.stream().filter(type::isInstance).toList();
    }

    /** Every record the topology wrote, topic after topic, each in the order it was written. */
    private static List<LedgerRecord> outputs(TopologyTestDriver driver) {
        List<TestRecord<String, ? extends LedgerRecord>> all = new ArrayList<>();
        for (TopicSpec<String, ? extends LedgerRecord> topic : OUTPUTS) {
            all.addAll(driver.createOutputTopic(topic.name(), new StringDeserializer(), topic.valueSerde().deserializer())
                    .readRecordsToList());
        }
        return all.stream().map(record -> (LedgerRecord) record.value()).toList();
    }
}
