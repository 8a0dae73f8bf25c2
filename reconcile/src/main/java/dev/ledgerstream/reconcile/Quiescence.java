package dev.ledgerstream.reconcile;

import dev.ledgerstream.servicekit.kafka.KafkaClientSecurity;
import dev.ledgerstream.schemas.TopicSpec;
import dev.ledgerstream.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * Waits for the pipeline to catch up before a reconcile reads, so that a quiet ledger compares
 * without in-flight rows: first the stream processors' group on the raw topics, then on their
 * repartition topics, then the sink's group on the ledger topics, each against end offsets read
 * after the step before it was caught up. A partition written transactionally (repartition and
 * ledger topics) ends with a commit marker, which no consumer commits past; one offset of lag
 * there is the marker, not a record.
 */
public final class Quiescence {

    /** How far behind the pipeline was when the wait ended; zero when it caught up. */
    public record Lag(long streams, long sink) {
        boolean caughtUp() {
            return streams == 0 && sink == 0;
        }
    }

    private static final List<String> RAW = Topics.communityInputs().stream().map(TopicSpec::name).toList();
    private static final List<String> LEDGER = List.of(Topics.LEDGER_PAYMENTS.name(), Topics.LEDGER_ENTRIES.name(),
            Topics.LEDGER_USAGE_EVENTS.name(), Topics.LEDGER_GUARD_VIOLATIONS.name(),
            Topics.LEDGER_OPERATOR_ACTIONS.name());

    /** The stream processors' group (their default {@code application-id}; {@code STREAMS_APPLICATION_ID}). */
    public static final String STREAMS_GROUP = "ledgerstream-ledger";
    /** The sink's default consumer group ({@code SINK_GROUP_ID}). */
    public static final String SINK_GROUP = "ledgerstream-ledger-sink";

    private Quiescence() {
    }

    /** Polls until both groups have caught up or {@code timeout} passed; returns the last lag seen. */
    public static Lag await(String bootstrapServers, KafkaClientSecurity security, String streamsGroup,
            String sinkGroup, Duration timeout) throws InterruptedException {
        Properties config = new Properties();
        config.putAll(security.clientProperties());
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "ledgerstream-reconcile-settle");
        try (Admin admin = Admin.create(config)) {
            List<TopicPartition> raw = partitions(admin, RAW);
            List<TopicPartition> ledger = partitions(admin, LEDGER);
            Instant deadline = Instant.now().plus(timeout);
            while (true) {
                Lag lag = measure(admin, raw, ledger, streamsGroup, sinkGroup);
                if (lag.caughtUp() || Instant.now().isAfter(deadline)) {
                    return lag;
                }
                Thread.sleep(250);
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read the consumer groups' offsets: " + e.getCause().getMessage(), e);
        }
    }

    private static Lag measure(Admin admin, List<TopicPartition> raw, List<TopicPartition> ledger, String streamsGroup,
            String sinkGroup) throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetAndMetadata> streams = committed(admin, streamsGroup);
        long streamsLag = lag(admin, raw, streams, 0);
        List<TopicPartition> repartitions = streams.keySet().stream()
                .filter(partition -> partition.topic().endsWith("-repartition")).toList();
        // Offsets committed before these ends were read can only overstate the lag, never hide it.
        streamsLag += lag(admin, repartitions, streams, 1);
        long sinkLag = lag(admin, ledger, committed(admin, sinkGroup), 1);
        return new Lag(streamsLag, sinkLag);
    }

    private static long lag(Admin admin, List<TopicPartition> partitions, Map<TopicPartition, OffsetAndMetadata> committed,
            long markers) throws ExecutionException, InterruptedException {
        if (partitions.isEmpty()) {
            return 0;
        }
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        partitions.forEach(partition -> latest.put(partition, OffsetSpec.latest()));
        var ends = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get();
        long total = 0;
        for (TopicPartition partition : partitions) {
            long end = ends.get(partition).offset();
            OffsetAndMetadata at = committed.get(partition);
            long behind = end - (at == null ? 0 : at.offset());
            total += behind > markers ? behind : 0;
        }
        return total;
    }

    private static Map<TopicPartition, OffsetAndMetadata> committed(Admin admin, String group)
            throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, OffsetAndMetadata> present = new HashMap<>();
        offsets.forEach((partition, offset) -> {
            if (offset != null) {
                present.put(partition, offset);
            }
        });
        return present;
    }

    private static List<TopicPartition> partitions(Admin admin, List<String> topics)
            throws ExecutionException, InterruptedException {
        Predicate<String> exists = admin.listTopics().names().get()::contains;
        List<String> present = topics.stream().filter(exists).toList();
        List<TopicPartition> partitions = new ArrayList<>();
        admin.describeTopics(present).allTopicNames().get().forEach((name, description) ->
                description.partitions().forEach(info -> partitions.add(new TopicPartition(name, info.partition()))));
        return partitions;
    }
}
