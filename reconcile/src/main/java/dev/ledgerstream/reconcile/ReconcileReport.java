package dev.ledgerstream.reconcile;

import dev.ledgerstream.reconcile.Comparison.Digests;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The outcome of one reconcile or rebuild run: what the tool prints, writes as JSON and records in
 * {@code reconciliation_runs}.
 *
 * @param kind               {@code reconcile} or {@code rebuild}
 * @param result             {@code ok} when nothing differs, else {@code differences}
 * @param differencesCount   every difference found; {@code differences} holds the first
 *                           {@link Comparison#KEPT_DIFFERENCES}
 * @param digests            per community, the ledger's and the replay's digest
 * @param replay             what the replay read and produced
 */
record ReconcileReport(UUID runId, String kind, Instant startedAt, Instant finishedAt, Instant replayedFrom,
        String result, int communitiesChecked, long differencesCount, List<Difference> differences,
        Map<String, Digests> digests, Replay.Summary replay) {

    static final String OK = "ok";
    static final String DIFFERENCES = "differences";

    /** At most this many digest lines are printed; the JSON report has them all. */
    static final int PRINTED_DIGESTS = 200;

    boolean ok() {
        return OK.equals(result);
    }

    /** The human report. */
    void print(PrintStream out) {
        out.printf("%s %s: %s (%d communities, %d differences) in %d ms%n", kind, runId, result, communitiesChecked,
                differencesCount, Duration.between(startedAt, finishedAt).toMillis());
        if (replayedFrom != null) {
            out.printf("from %s: the ledger before it was trusted; rows caused from then on, and every lot's and"
                    + " payment's final state, were compared%n", replayedFrom);
        }
        out.printf("replayed %d notifications, %d usage events and %d operator actions (%d skipped as the stream"
                + " processors dead-letter them): %d entries, %d usage events, %d payment outcomes, violations %s%n",
                replay.notifications(), replay.usageEvents(), replay.actions(), replay.skipped(), replay.entries(),
                replay.usageRecorded(), replay.outcomes(), replay.violationsByInvariant());
        if (!differences.isEmpty()) {
            out.println();
            out.println("differences (ledger in PostgreSQL vs replay of the raw topics):");
            differences.forEach(difference -> out.println("  " + difference.describe()));
            if (differencesCount > differences.size()) {
                out.printf("  ... and %d more%n", differencesCount - differences.size());
            }
        }
        out.println();
        out.printf("%-36s  %-64s  %-64s  %s%n", "community", "ledger digest", "replay digest", "");
        digests.entrySet().stream()
                .sorted((a, b) -> Boolean.compare(a.getValue().match(), b.getValue().match()))
                .limit(PRINTED_DIGESTS)
                .forEach(entry -> out.printf("%-36s  %s  %s  %s%n", entry.getKey(), entry.getValue().ledger(),
                        entry.getValue().replay(), entry.getValue().match() ? "same" : "DIFFERENT"));
        if (digests.size() > PRINTED_DIGESTS) {
            out.printf("... and %d more communities (all in the JSON report)%n", digests.size() - PRINTED_DIGESTS);
        }
    }
}
