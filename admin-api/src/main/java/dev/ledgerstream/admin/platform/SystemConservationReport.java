package dev.ledgerstream.admin.platform;

import dev.ledgerstream.admin.conservation.InvariantCheck;
import dev.ledgerstream.admin.conservation.InvariantCount;
import dev.ledgerstream.admin.conservation.ViolationView;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/admin/conservation} (role admin): whether money was conserved across the
 * platform. Only totals and counts cross tenants; no community's rows are returned.
 *
 * @param status                 {@code violated} when a check fails now or any violation was recorded, else {@code ok}
 * @param i13                    the system-wide equation Σ minted = Σ balances + Σ debited + Σ expired + Σ revoked
 * @param checks                 I-13 and the cross-checks of the platform totals
 * @param totals                 the platform totals (amounts as strings, counts as numbers in strings)
 * @param failures               violations recorded in all
 * @param byInvariant            per invariant, with how many concern no single community
 * @param recentSystemViolations the latest violations that concern no single community
 * @param lastReconciliation     the latest reconcile or rebuild run, or null when none ran
 */
record SystemConservationReport(String status, InvariantCheck i13, List<InvariantCheck> checks,
        Map<String, String> totals, long failures, List<InvariantCount> byInvariant,
        List<ViolationView> recentSystemViolations, ReconciliationRun lastReconciliation) {
}
