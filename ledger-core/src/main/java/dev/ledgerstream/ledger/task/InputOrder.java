package dev.ledgerstream.ledger.task;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * The order in which a community task applies its inputs (ADR 0011), as a rule over what the
 * records carry, so that the stream topology and every replay apply the same inputs in the same
 * order. Each raw record has a position: its timestamp (the broker's append time), its source topic
 * and its partition. Each partition is read in its own order; of the partitions' next records, the
 * one with the earliest position goes first: the earliest timestamp, and within a millisecond usage
 * before payments, payments before operators' actions (then the lower partition).
 *
 * <p>Why usage first within a millisecond: the ingest API answers a notification only once the
 * millisecond it was appended in has passed, so usage sent after that answer always carries a
 * later timestamp, and goes after it; usage in the same millisecond was sent before the answer.
 */
public final class InputOrder {

    /** The raw topic a record comes from; the declaration order is the order within a millisecond. */
    public enum Source {
        USAGE, PAYMENT, ACTION
    }

    /** Where a record stands in the order. */
    public record Position(long timestampMillis, Source source, int partition) {
    }

    /** Compares the next records of two partitions: the smaller goes first. */
    public static final Comparator<Position> NEXT = Comparator.comparingLong(Position::timestampMillis)
            .thenComparing(Position::source)
            .thenComparingInt(Position::partition);

    private InputOrder() {
    }

    /**
     * True when a held notification or action stamped {@code paymentMillis} goes before usage stamped
     * {@code usageMillis}, the rule the community task applies as usage arrives.
     */
    public static boolean paymentBeforeUsage(long paymentMillis, long usageMillis) {
        return paymentMillis < usageMillis;
    }

    /** All of {@code partitions}' records in this order; each inner list is one partition in its own order. */
    public static <T> List<T> merge(List<List<T>> partitions, Function<T, Position> position) {
        int[] next = new int[partitions.size()];
        List<T> merged = new ArrayList<>();
        while (true) {
            int best = -1;
            for (int p = 0; p < partitions.size(); p++) {
                if (next[p] < partitions.get(p).size() && (best < 0 || NEXT.compare(
                        position.apply(partitions.get(p).get(next[p])),
                        position.apply(partitions.get(best).get(next[best]))) < 0)) {
                    best = p;
                }
            }
            if (best < 0) {
                return merged;
            }
            merged.add(partitions.get(best).get(next[best]++));
        }
    }
}
