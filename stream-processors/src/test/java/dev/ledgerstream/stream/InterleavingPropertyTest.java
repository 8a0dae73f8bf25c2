package dev.ledgerstream.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerstream.ledger.payment.IpnInputs;
import dev.ledgerstream.ledger.payment.PaymentDecider;
import dev.ledgerstream.ledger.replay.ReplayLedger;
import dev.ledgerstream.ledger.task.InputOrder;
import dev.ledgerstream.schemas.TopicSpec;
import dev.ledgerstream.schemas.Topics;
import dev.ledgerstream.schemas.ingest.IpnReceived;
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
 * The order of ADR 0011 does not depend on how the broker hands a task its two partitions. For
 * random inputs of one task (a few communities buying, refunding and spending, timestamps with
 * many ties) and random interleavings that Kafka Streams could produce (each partition in order;
 * never a record whose timestamp is later than the other partition's next one, since that one was
 * appended before it; ties either way; wall-clock time passing whenever no usage that is still to
 * come lies within the order grace), the production topology writes exactly, record for record and
 * in order, what {@link ReplayLedger} writes for the same records in {@link InputOrder}.
 */
class InterleavingPropertyTest {

    private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");
    private static final Duration GRACE = Duration.ofSeconds(1);
    private static final List<String> COMMUNITIES = List.of("11111111-1111-4111-8111-111111111111",
            "22222222-2222-4222-8222-222222222222", "33333333-3333-4333-8333-333333333333");
    private static final List<TopicSpec<String, ? extends LedgerRecord>> OUTPUTS = List.of(Topics.LEDGER_PAYMENTS,
            Topics.LEDGER_ENTRIES, Topics.LEDGER_USAGE_EVENTS, Topics.LEDGER_GUARD_VIOLATIONS);

    /** One raw record of the task: its topic's record and its broker timestamp. */
    private record Raw(Object value, long timestamp, InputOrder.Source source) {
    }

    @Property(tries = 60)
    void any_interleaving_streams_could_produce_gives_the_replays_output(@ForAll long seed) throws Exception {
        // given
        Random random = new Random(seed);
        List<Raw> payments = new ArrayList<>();
        List<Raw> usage = new ArrayList<>();
        generate(random, payments, usage);
        List<LedgerRecord> expected = replay(payments, usage);
        // when
        List<LedgerRecord> actual = topology(random, payments, usage);
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
        assertThat(of(expected, Topics.LEDGER_USAGE_EVENTS)).hasSize(usage.stream()
                .map(raw -> ((UsageFinalizationReceived) raw.value()).communityId() + "|"
                        + ((UsageFinalizationReceived) raw.value()).finalizationId()).distinct().toList().size());
    }

    private static void generate(Random random, List<Raw> payments, List<Raw> usage) {
        long paymentsAt = T0.toEpochMilli();
        long usageAt = T0.toEpochMilli();
        int events = 10 + random.nextInt(30);
        long paymentId = 100;
        for (int e = 0; e < events; e++) {
            String community = COMMUNITIES.get(random.nextInt(COMMUNITIES.size()));
            if (random.nextInt(4) == 0) {
                paymentsAt += random.nextInt(3);
                String status = random.nextInt(5) == 0 && paymentId > 100 ? "refunded" : "finished";
                long id = status.equals("refunded") ? 100 + random.nextInt((int) (paymentId - 100)) : paymentId++;
                IpnReceived ipn = TestEvents.ipn(id, status, "5", "usd", community, Instant.ofEpochMilli(paymentsAt));
                payments.add(new Raw(ipn, paymentsAt, InputOrder.Source.PAYMENT));
            } else {
                usageAt += random.nextInt(3);
                String finalization = "f-" + random.nextInt(events);
                UsageFinalizationReceived received = TestEvents.usage(finalization, community, "cheap",
                        1 + random.nextInt(3_000_000), Instant.ofEpochMilli(usageAt));
                usage.add(new Raw(received, usageAt, InputOrder.Source.USAGE));
            }
        }
    }

    private static List<LedgerRecord> replay(List<Raw> payments, List<Raw> usage) {
        ReplayLedger ledger = new ReplayLedger(PaymentDecider.withoutLotTtl());
        List<LedgerRecord> records = new ArrayList<>();
        for (Raw raw : InputOrder.merge(List.of(payments, usage),
                r -> new InputOrder.Position(r.timestamp(), r.source(), 0))) {
            records.addAll(raw.value() instanceof IpnReceived ipn ? ledger.onIpn(IpnInputs.from(ipn))
                    : ledger.onUsage((UsageFinalizationReceived) raw.value()));
        }
        return records;
    }

    private static List<LedgerRecord> topology(Random random, List<Raw> payments, List<Raw> usage) throws Exception {
        Path state = Files.createTempDirectory("interleaving");
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        LedgerSettings settings = new LedgerSettings("interleaving", "unused:9092", 1, 1, 0, 1, state.toString(),
                null, Duration.ofMinutes(1), GRACE);
        StreamsBuilder builder = new StreamsBuilder();
        LedgerTopology.build(builder, settings, registry);
        Properties config = LedgerTopology.config(settings, registry);
        Instant wallClock = T0;
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(config), config, wallClock)) {
            TestInputTopic<String, IpnReceived> ipns = driver.createInputTopic(Topics.PAYMENTS_IPN.name(),
                    new StringSerializer(), Topics.PAYMENTS_IPN.valueSerde().serializer());
            TestInputTopic<String, UsageFinalizationReceived> usages = driver.createInputTopic(
                    Topics.USAGE_FINALIZATIONS.name(), new StringSerializer(),
                    Topics.USAGE_FINALIZATIONS.valueSerde().serializer());
            int p = 0;
            int u = 0;
            while (p < payments.size() || u < usage.size()) {
                boolean paymentAllowed = p < payments.size()
                        && (u == usage.size() || payments.get(p).timestamp() <= usage.get(u).timestamp());
                boolean usageAllowed = u < usage.size()
                        && (p == payments.size() || usage.get(u).timestamp() <= payments.get(p).timestamp());
                if (paymentAllowed && (!usageAllowed || random.nextBoolean())) {
                    IpnReceived ipn = (IpnReceived) payments.get(p++).value();
                    ipns.pipeInput(TestEvents.key(ipn), ipn, ipn.receivedAt());
                } else {
                    UsageFinalizationReceived next = (UsageFinalizationReceived) usage.get(u++).value();
                    usages.pipeInput(next.communityId(), next, next.receivedAt());
                }
                if (random.nextInt(4) == 0) {
                    // Time passes, but no usage still to come lies within the grace of where the clock gets to.
                    Instant limit = u < usage.size() ? Instant.ofEpochMilli(usage.get(u).timestamp()).plus(GRACE)
                            : Instant.MAX;
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
