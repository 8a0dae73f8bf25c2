package dev.ledgerstream.stream;

import dev.ledgerstream.ledger.mode.ModeSetting;
import dev.ledgerstream.ledger.payment.PaymentDecider;
import dev.ledgerstream.ledger.payment.PaymentState;
import dev.ledgerstream.schemas.TopicSpec;
import dev.ledgerstream.schemas.Topics;
import dev.ledgerstream.schemas.ledger.LedgerRecord;
import dev.ledgerstream.stream.deadletter.DeadLetters;
import dev.ledgerstream.stream.guard.GuardReporter;
import dev.ledgerstream.stream.ledger.BoundedStateMemory;
import dev.ledgerstream.stream.ledger.ChargingModeReporter;
import dev.ledgerstream.stream.ledger.CommunityLedgerProcessor;
import dev.ledgerstream.stream.ledger.CompactStoreSerde;
import dev.ledgerstream.stream.ledger.FinalizationOwnerProcessor;
import dev.ledgerstream.stream.ledger.HashedUsage;
import dev.ledgerstream.stream.ledger.HeldInput;
import dev.ledgerstream.stream.ledger.InternalJsonSerde;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Predicate;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * The ledger topology (SPEC 5), built in one place for the application and the
 * {@code TopologyTestDriver} tests alike.
 *
 * <pre>
 * payments.ipn.v1 (by community) ──────┐
 * operator.actions.v1 (by community) ──┤
 *                                      ├─► community ledger (payment-store, finalization-store,
 * usage.finalizations.v1 (by community)┤   community-store, lot-store, lot-expiry-store, ipn-hold-store,
 *                                      │   charging-mode-store, expiry punctuator)
 *                                      │   ─► ledger.payments.v1, ledger.entries.v1,
 *                                      │      ledger.usage-events.v1, ledger.guard-violations.v1,
 *                                      │      ledger.operator-actions.v1
 *                                      └─► usage-by-finalization ─► owner check (finalization-owner-store)
 *                                          ─► ids reused across communities: ledger.guard-violations.v1
 * </pre>
 *
 * The three raw topics are keyed by community and co-partitioned, so one task holds a community's
 * payments, usage and operators' actions and applies them in one order: the broker's append time,
 * usage first within a millisecond, then notifications, then actions (ADR 0011, 0015). Only the report-only owner check re-keys usage.
 *
 * Every operator, store and repartition topic is named: renaming one is a breaking change (ADR 0002).
 */
public final class LedgerTopology {

    static final String USAGE_BY_FINALIZATION = "usage-by-finalization";

    private LedgerTopology() {
    }

    /** Adds the whole topology to {@code builder}. */
    public static void build(StreamsBuilder builder, LedgerSettings settings, MeterRegistry registry) {
        GuardReporter guard = new GuardReporter(registry);
        ChargingModeReporter modes = new ChargingModeReporter(registry);
        store(builder, CommunityLedgerProcessor.PAYMENTS, new InternalJsonSerde<>(PaymentState.class));
        store(builder, CommunityLedgerProcessor.FINALIZATIONS, CompactStoreSerde.finalizations());
        store(builder, CommunityLedgerProcessor.STORE, CompactStoreSerde.communities());
        store(builder, CommunityLedgerProcessor.HELD, new InternalJsonSerde<>(HeldInput.class));
        store(builder, CommunityLedgerProcessor.LOTS, CompactStoreSerde.lots());
        store(builder, CommunityLedgerProcessor.EXPIRIES, Serdes.String());
        store(builder, CommunityLedgerProcessor.MODES, new InternalJsonSerde<>(ModeSetting.class));
        store(builder, FinalizationOwnerProcessor.STORE, CompactStoreSerde.finalizations());

        PaymentDecider decider = settings.lotTtl() == null
                ? PaymentDecider.withoutLotTtl() : PaymentDecider.withLotTtl(settings.lotTtl());
        KStream<String, Object> ipn = source(builder, Topics.PAYMENTS_IPN, "ipn")
                .mapValues(value -> (Object) value, Named.as("ipn-as-ledger-input"));
        KStream<String, Object> actions = source(builder, Topics.OPERATOR_ACTIONS, "operator-actions")
                .mapValues(value -> (Object) value, Named.as("operator-actions-as-ledger-input"));
        KStream<String, HashedUsage> usage = source(builder, Topics.USAGE_FINALIZATIONS, "usage")
                .mapValues(HashedUsage::of, Named.as("usage-hashed"));

        // The owner check needs only each usage's claim: re-keyed by finalization id in its compact form.
        usage.map((community, hashed) -> KeyValue.pair(hashed.usage().finalizationId(), hashed.claim()),
                        Named.as("usage-claim-by-finalization"))
                .repartition(Repartitioned.with(Serdes.String(), CompactStoreSerde.finalizations())
                        .withName(USAGE_BY_FINALIZATION).withNumberOfPartitions(settings.partitions()))
                .process(() -> new FinalizationOwnerProcessor(guard), Named.as("usage-owner-check"),
                        FinalizationOwnerProcessor.STORE)
                .to(Topics.LEDGER_GUARD_VIOLATIONS.name(), Produced.with(Topics.LEDGER_GUARD_VIOLATIONS.keySerde(),
                        Topics.LEDGER_GUARD_VIOLATIONS.valueSerde().unvalidated())
                        .withName("usage-owner-check-sink"));

        KStream<String, LedgerRecord> ledger = ipn
                .merge(usage.mapValues(value -> (Object) value, Named.as("usage-as-ledger-input")),
                        Named.as("ledger-inputs"))
                .merge(actions, Named.as("ledger-inputs-and-actions"))
                .process(() -> new CommunityLedgerProcessor(decider, guard, modes, settings.expiryInterval(),
                                settings.orderGrace()),
                        Named.as("community-ledger"), CommunityLedgerProcessor.PAYMENTS,
                        CommunityLedgerProcessor.FINALIZATIONS, CommunityLedgerProcessor.STORE,
                        CommunityLedgerProcessor.HELD, CommunityLedgerProcessor.LOTS,
                        CommunityLedgerProcessor.EXPIRIES, CommunityLedgerProcessor.MODES);
        toLedgerTopics(ledger.mapValues(record -> (Object) record, Named.as("community-ledger-records")),
                "community-ledger");
    }

    /**
     * The Streams configuration, for the application and the tests. Safety settings are explicit
     * even where they equal the default.
     */
    public static Properties config(LedgerSettings settings, MeterRegistry registry) {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, settings.applicationId());
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        config.put(StreamsConfig.consumerPrefix(ConsumerConfig.ISOLATION_LEVEL_CONFIG), "read_committed");
        config.put(StreamsConfig.producerPrefix(ProducerConfig.ACKS_CONFIG), "all");
        config.put(StreamsConfig.producerPrefix(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG), true);
        config.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, settings.replicationFactor());
        config.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, settings.standbyReplicas());
        config.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, settings.streamThreads());
        config.put(StreamsConfig.STATE_DIR_CONFIG, settings.stateDir());
        // One memory budget for every RocksDB store of the process (the resident set stays flat).
        config.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedStateMemory.class);
        config.put(BoundedStateMemory.MEMORY_CONFIG, settings.stateMemoryBytes());
        // A community task picks the earliest of its two partitions' heads, and waits while a
        // partition it has nothing buffered for is known to have more (KIP-695): the first half of
        // the order of ADR 0011. 0 is the default; it is the rule the replay reproduces.
        config.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, 0L);
        // Names are part of the contract (ADR 0002): refuse to start with any generated internal name.
        config.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        config.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetters.class);
        config.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetters.class);
        config.put(DeadLetters.REGISTRY_CONFIG, registry);
        return config;
    }

    /**
     * A raw topic, validated against its schema as it is read: anything with the right to produce
     * could have written it, and the replay reads it with the same check, so both leave out (and
     * the topology dead-letters) exactly the same records.
     */
    private static <V> KStream<String, V> source(StreamsBuilder builder, TopicSpec<String, V> topic, String name) {
        return builder.stream(topic.name(),
                Consumed.with(topic.keySerde(), topic.valueSerde()).withName(name + "-source"));
    }

    /**
     * A persistent store with its changelog and the record cache: a community's value is rewritten
     * on each of its events, and the cache writes it to RocksDB and the changelog once per commit
     * instead (exactly-once: the cache is flushed inside the commit). Without it each write was a
     * RocksDB put and a changelog record (docs/benchmarks.md).
     */
    private static <V> void store(StreamsBuilder builder, String name, Serde<V> values) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), values)
                .withCachingEnabled());
    }

    private static void toLedgerTopics(KStream<String, Object> records, String name) {
        records.split(Named.as(name + "-to-"))
                .branch(bound(Topics.LEDGER_PAYMENTS),
                        Branched.withConsumer(stream -> sink(stream, Topics.LEDGER_PAYMENTS, name), "payments"))
                .branch(bound(Topics.LEDGER_ENTRIES),
                        Branched.withConsumer(stream -> sink(stream, Topics.LEDGER_ENTRIES, name), "entries"))
                .branch(bound(Topics.LEDGER_USAGE_EVENTS),
                        Branched.withConsumer(stream -> sink(stream, Topics.LEDGER_USAGE_EVENTS, name), "usage-events"))
                .branch(bound(Topics.LEDGER_GUARD_VIOLATIONS),
                        Branched.withConsumer(stream -> sink(stream, Topics.LEDGER_GUARD_VIOLATIONS, name), "violations"))
                .branch(bound(Topics.LEDGER_OPERATOR_ACTIONS),
                        Branched.withConsumer(stream -> sink(stream, Topics.LEDGER_OPERATOR_ACTIONS, name),
                                "operator-actions"))
                .noDefaultBranch();
    }

    /** The records {@link Topics#of} sends to {@code topic}. */
    private static Predicate<String, Object> bound(TopicSpec<String, ?> topic) {
        return (key, value) -> value instanceof LedgerRecord record && Topics.of(record) == topic;
    }

    private static <V> void sink(KStream<String, Object> stream, TopicSpec<String, V> topic, String name) {
        Class<V> type = topic.valueSerde().type();
        stream.mapValues(value -> type.cast(value), Named.as(name + "-typed-" + topic.name()))
                // The sink validates what it reads; LedgerTopologyTest proves every record written here validates.
                .to(topic.name(), Produced.with(topic.keySerde(), topic.valueSerde().unvalidated())
                        .withName(name + "-sink-" + topic.name()));
    }
}
