package dev.ledgerstream.stream;

import java.time.Duration;

/**
 * What the topology and its Streams configuration need to know.
 *
 * @param applicationId     Kafka Streams {@code application.id}: instances with the same id share the work
 * @param bootstrapServers  Kafka brokers
 * @param partitions        partitions of the input topics, which must be equal (co-partitioned by
 *                          community), and of the repartition topic {@code usage-by-finalization}
 * @param replicationFactor replication of internal topics; -1 takes the broker's default
 * @param standbyReplicas   warm copies of each state store on other instances, for fast fail-over
 * @param streamThreads     processing threads in this instance
 * @param stateDir          where the local state stores live
 * @param lotTtl            expiry of lots from payments ({@code LOT_TTL_DAYS}); null: they never expire
 * @param expiryInterval    how often the expiry punctuator runs (wall clock)
 * @param orderGrace        how long a notification waits on the wall clock for usage stamped in or
 *                          before its millisecond when none arrives (ADR 0011)
 * @param stateMemoryBytes  the memory all RocksDB stores of the process share: block cache, index and
 *                          filter blocks, memtables ({@code BoundedStateMemory})
 */
public record LedgerSettings(
        String applicationId,
        String bootstrapServers,
        int partitions,
        int replicationFactor,
        int standbyReplicas,
        int streamThreads,
        String stateDir,
        Duration lotTtl,
        Duration expiryInterval,
        Duration orderGrace,
        long stateMemoryBytes) {

    /** The default state memory: 64 MiB for every store of the process. */
    public static final long DEFAULT_STATE_MEMORY_BYTES = 64L * 1024 * 1024;

    public LedgerSettings {
        if (partitions < 1 || streamThreads < 1 || standbyReplicas < 0) {
            throw new IllegalArgumentException("partitions and threads must be positive, standbys not negative");
        }
        if (expiryInterval == null || expiryInterval.isNegative() || expiryInterval.isZero()) {
            throw new IllegalArgumentException("the expiry interval must be positive");
        }
        if (orderGrace == null || orderGrace.isNegative() || orderGrace.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException("the order grace must be between 0 and 1 minute: " + orderGrace);
        }
        if (stateMemoryBytes < 1024 * 1024) {
            throw new IllegalArgumentException("the state memory must be at least 1 MiB: " + stateMemoryBytes);
        }
    }
}
