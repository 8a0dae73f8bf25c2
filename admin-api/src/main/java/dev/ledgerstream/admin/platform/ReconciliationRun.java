package dev.ledgerstream.admin.platform;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * One reconcile or rebuild run (SPEC 8), as the tool recorded it.
 *
 * @param kind        {@code reconcile} or {@code rebuild}
 * @param result      {@code ok}, {@code differences} or {@code failed}
 * @param differences the differences found, as the tool wrote them
 * @param digests     per community, the live and the replayed digest
 */
record ReconciliationRun(String runId, String kind, Instant startedAt, Instant finishedAt, Instant replayedFrom,
        String result, int communitiesChecked, int differencesCount, JsonNode differences, JsonNode digests) {
}
