package dev.ledgerstream.admin.conservation;

import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/admin/community/{id}/conservation}: whether money was conserved for one
 * community.
 *
 * @param status           {@code violated} when a check fails now or the guard recorded any violation, else {@code ok}
 * @param checks           the invariants checked now over the stored ledger
 * @param failures         violations the conservation guard recorded for this community
 * @param byInvariant      those violations counted per invariant
 * @param usageGuard       usage events by the guard's result: {@code pass} and {@code fail} counts
 * @param totals           the community's ledger totals the checks used (amounts as strings)
 * @param recentViolations the latest recorded violations, newest first
 * @param violationsNextCursor the cursor of {@code …/violations} after them, or null
 */
record ConservationReport(String communityId, String status, List<InvariantCheck> checks, long failures,
        List<InvariantCount> byInvariant, Map<String, Long> usageGuard, Map<String, String> totals,
        List<ViolationView> recentViolations, String violationsNextCursor) {
}
