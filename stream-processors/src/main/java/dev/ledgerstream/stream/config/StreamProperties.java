package dev.ledgerstream.stream.config;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Every setting of the stream processors ({@code ledgerstream.stream.*}); the SPEC 9 variables are
 * mapped in {@code stream-processors.yml}.
 *
 * @param kafkaBootstrapServers Kafka brokers ({@code KAFKA_BOOTSTRAP_SERVERS})
 * @param applicationId         Kafka Streams application id; instances sharing it share the partitions
 * @param partitions            partitions of the repartition topics (equal to the input topics')
 * @param replicationFactor     replication of internal topics, -1 for the broker default
 * @param standbyReplicas       warm standby copies of each store on other instances
 * @param streamThreads         processing threads per instance
 * @param stateDir              local state directory
 * @param lotTtlDays            expiry of purchased lots in days ({@code LOT_TTL_DAYS}); 0 = never
 * @param expiryInterval        how often lots are checked for expiry
 * @param orderGrace            how long a notification waits for usage of its millisecond when none arrives (ADR 0011)
 * @param stateMemory           memory shared by every RocksDB store of the process (block cache, index
 *                              and filter blocks, memtables)
 * @param createTopics          create missing catalog topics at start-up (local mode, tests)
 * @param shutdownTimeout       how long a clean close may take
 */
@Validated
@ConfigurationProperties("ledgerstream.stream")
public record StreamProperties(
        @NotBlank String kafkaBootstrapServers,
        @DefaultValue("ledgerstream-ledger") @NotBlank String applicationId,
        @DefaultValue("6") @Positive int partitions,
        @DefaultValue("-1") int replicationFactor,
        @DefaultValue("0") @Min(0) int standbyReplicas,
        @DefaultValue("1") @Positive int streamThreads,
        @DefaultValue("${java.io.tmpdir}/ledgerstream-streams") @NotBlank String stateDir,
        @DefaultValue("0") @Min(0) int lotTtlDays,
        @DefaultValue("1m") @NotNull Duration expiryInterval,
        @DefaultValue("1s") @NotNull Duration orderGrace,
        @DefaultValue("64MB") @NotNull DataSize stateMemory,
        @DefaultValue("false") boolean createTopics,
        @DefaultValue("30s") @NotNull Duration shutdownTimeout) {
}
