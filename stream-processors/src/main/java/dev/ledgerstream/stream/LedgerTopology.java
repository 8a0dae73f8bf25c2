package dev.ledgerstream.stream;

import dev.ledgerstream.ledger.lots.CommunityState;
import dev.ledgerstream.ledger.lots.LedgerCommand;
import dev.ledgerstream.ledger.lots.UsageInput;
import dev.ledgerstream.ledger.payment.PaymentDecider;
import dev.ledgerstream.ledger.payment.PaymentState;
import dev.ledgerstream.ledger.usage.RecordedFinalization;
import dev.ledgerstream.schemas.TopicSpec;
import dev.ledgerstream.schemas.Topics;
import dev.ledgerstream.schemas.ingest.IpnReceived;
import dev.ledgerstream.schemas.ingest.UsageFinalizationReceived;
import dev.ledgerstream.schemas.ledger.GuardViolation;
import dev.ledgerstream.schemas.ledger.LedgerEntry;
import dev.ledgerstream.schemas.ledger.LedgerRecord;
import dev.ledgerstream.schemas.ledger.PaymentOutcome;
import dev.ledgerstream.schemas.ledger.UsageRecorded;
import dev.ledgerstream.stream.deadletter.DeadLetters;
import dev.ledgerstream.stream.guard.GuardReporter;
import dev.ledgerstream.stream.ledger.CommunityLedgerProcessor;
import dev.ledgerstream.stream.ledger.FinalizationOwnerProcessor;
import dev.ledgerstream.stream.ledger.InternalJsonSerde;
import dev.ledgerstream.stream.ledger.LedgerCommandSerde;
import dev.ledgerstream.stream.payment.PaymentProcessor;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * The ledger topology (SPEC 5), built in one place for the application and the
 * {@code TopologyTestDriver} tests alike.
 *
 * <pre>
 * payments.ipn.v1 ─► payment (payment-store) ─┬─► ledger.payments.v1, ledger.guard-violations.v1
 *                                             └─► mint / revoke ─► ledger-commands (by community) ─┐
 * usage.finalizations.v1 (by community) ─┬──────────────────────────────────────────────────────────┤
 *                                        │   community ledger (finalization-store, community-store,
 *                                        │   expiry punctuator) ◄─────────────────────────────────────┘
 *                                        │   ─► ledger.entries.v1, ledger.usage-events.v1, ledger.guard-violations.v1
 *                                        └─► usage-by-finalization ─► owner check (finalization-owner-store)
 *                                            ─► ids reused across communities: ledger.guard-violations.v1
 * </pre>
 *
 * Usage goes to its community's ledger straight from its own partition, so it is applied in the
 * order it was ingested; only the report-only owner check re-keys it.
 *
 * Every operator, store and repartition topic is named: renaming one is a breaking change (ADR 0002).
 */
public final class LedgerTopology {

    static final String USAGE_BY_FINALIZATION = "usage-by-finalization";
    static final String LEDGER_COMMANDS = "ledger-commands";

    private LedgerTopology() {
    }

    /** Adds the whole topology to {@code builder}. */
    public static void build(StreamsBuilder builder, LedgerSettings settings, MeterRegistry registry) {
        GuardReporter guard = new GuardReporter(registry);
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PaymentProcessor.STORE),
                Serdes.String(), new InternalJsonSerde<>(PaymentState.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(CommunityLedgerProcessor.FINALIZATIONS),
                Serdes.String(), new InternalJsonSerde<>(RecordedFinalization.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(FinalizationOwnerProcessor.STORE),
                Serdes.String(), new InternalJsonSerde<>(RecordedFinalization.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(CommunityLedgerProcessor.STORE),
                Serdes.String(), new InternalJsonSerde<>(CommunityState.class)));

        PaymentDecider decider = settings.lotTtl() == null
                ? PaymentDecider.withoutLotTtl() : PaymentDecider.withLotTtl(settings.lotTtl());
        KStream<String, Object> payments = source(builder, Topics.PAYMENTS_IPN, "ipn")
                .process(() -> new PaymentProcessor(decider, guard), Named.as("payment"), PaymentProcessor.STORE);
        KStream<String, LedgerCommand> paymentCommands = commandsAndRecords(payments, "payment");

        KStream<String, UsageFinalizationReceived> usage = source(builder, Topics.USAGE_FINALIZATIONS, "usage");
        usage.selectKey((community, received) -> received.finalizationId(), Named.as("usage-key-by-finalization"))
                .repartition(Repartitioned.with(Serdes.String(), Topics.USAGE_FINALIZATIONS.valueSerde())
                        .withName(USAGE_BY_FINALIZATION).withNumberOfPartitions(settings.partitions()))
                .process(() -> new FinalizationOwnerProcessor(guard), Named.as("usage-owner-check"),
                        FinalizationOwnerProcessor.STORE)
                .to(Topics.LEDGER_GUARD_VIOLATIONS.name(), Produced.with(Topics.LEDGER_GUARD_VIOLATIONS.keySerde(),
                        Topics.LEDGER_GUARD_VIOLATIONS.valueSerde()).withName("usage-owner-check-sink"));

        KStream<String, LedgerCommand> usageCommands =
                usage.mapValues(received -> (LedgerCommand) UsageInput.from(received), Named.as("usage-commands"));
        KStream<String, LedgerRecord> ledger = paymentCommands
                .repartition(Repartitioned.with(Serdes.String(), new LedgerCommandSerde())
                        .withName(LEDGER_COMMANDS).withNumberOfPartitions(settings.partitions()))
                .merge(usageCommands, Named.as("ledger-commands-merge"))
                .process(() -> new CommunityLedgerProcessor(guard, settings.expiryInterval()),
                        Named.as("community-ledger"), CommunityLedgerProcessor.STORE,
                        CommunityLedgerProcessor.FINALIZATIONS);
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
        // Names are part of the contract (ADR 0002): refuse to start with any generated internal name.
        config.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        config.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetters.class);
        config.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetters.class);
        config.put(DeadLetters.REGISTRY_CONFIG, registry);
        return config;
    }

    private static <V> KStream<String, V> source(StreamsBuilder builder, TopicSpec<String, V> topic, String name) {
        return builder.stream(topic.name(),
                Consumed.with(topic.keySerde(), topic.valueSerde()).withName(name + "-source"));
    }

    /** Sends a processor's ledger records to their topics and returns its commands. */
    private static KStream<String, LedgerCommand> commandsAndRecords(KStream<String, Object> output, String name) {
        Map<String, KStream<String, Object>> branches = output.split(Named.as(name + "-"))
                .branch((key, value) -> value instanceof LedgerCommand, Branched.as("commands"))
                .defaultBranch(Branched.as("records"));
        toLedgerTopics(branches.get(name + "-records"), name);
        return branches.get(name + "-commands").mapValues(value -> (LedgerCommand) value, Named.as(name + "-commands-typed"));
    }

    private static void toLedgerTopics(KStream<String, Object> records, String name) {
        records.split(Named.as(name + "-to-"))
                .branch((key, value) -> value instanceof PaymentOutcome,
                        Branched.withConsumer(stream -> sink(stream, Topics.LEDGER_PAYMENTS, name), "payments"))
                .branch((key, value) -> value instanceof LedgerEntry,
                        Branched.withConsumer(stream -> sink(stream, Topics.LEDGER_ENTRIES, name), "entries"))
                .branch((key, value) -> value instanceof UsageRecorded,
                        Branched.withConsumer(stream -> sink(stream, Topics.LEDGER_USAGE_EVENTS, name), "usage-events"))
                .branch((key, value) -> value instanceof GuardViolation,
                        Branched.withConsumer(stream -> sink(stream, Topics.LEDGER_GUARD_VIOLATIONS, name), "violations"))
                .noDefaultBranch();
    }

    private static <V> void sink(KStream<String, Object> stream, TopicSpec<String, V> topic, String name) {
        Class<V> type = topic.valueSerde().type();
        stream.mapValues(value -> type.cast(value), Named.as(name + "-typed-" + topic.name()))
                .to(topic.name(), Produced.with(topic.keySerde(), topic.valueSerde())
                        .withName(name + "-sink-" + topic.name()));
    }
}
