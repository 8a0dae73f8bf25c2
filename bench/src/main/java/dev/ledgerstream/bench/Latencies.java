package dev.ledgerstream.bench;

import java.util.Arrays;
import java.util.List;

/**
 * Every recorded latency of one thread, in nanoseconds. Percentiles are exact (nearest rank over
 * the sorted values) rather than estimated: a few hundred thousand longs per scenario are cheap.
 */
final class Latencies {

    private long[] values = new long[4096];
    private int size;

    void add(long nanos) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = nanos;
    }

    int size() {
        return size;
    }

    /** p50, p99 and max over all threads' values; null when nothing was recorded. */
    static Summary summarize(List<Latencies> perThread) {
        int total = perThread.stream().mapToInt(Latencies::size).sum();
        if (total == 0) {
            return null;
        }
        long[] all = new long[total];
        int at = 0;
        for (Latencies latencies : perThread) {
            System.arraycopy(latencies.values, 0, all, at, latencies.size);
            at += latencies.size;
        }
        Arrays.sort(all);
        return new Summary(nearestRank(all, 50), nearestRank(all, 99), all[all.length - 1]);
    }

    /** The smallest value with at least {@code percent} % of the values at or below it. */
    static long nearestRank(long[] sorted, double percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    /** Latency percentiles in nanoseconds. */
    record Summary(long p50Nanos, long p99Nanos, long maxNanos) {
    }
}
