package dev.ledgerstream.admin.platform;

import dev.ledgerstream.admin.auth.AdminPrincipal;
import dev.ledgerstream.admin.conservation.InvariantCheck;
import dev.ledgerstream.admin.conservation.InvariantCount;
import dev.ledgerstream.admin.tenant.TenantReads;
import dev.ledgerstream.admin.web.Page;
import dev.ledgerstream.admin.web.PageCursor;
import dev.ledgerstream.admin.web.ReadLimits;
import dev.ledgerstream.admin.web.RequestParameters;
import dev.ledgerstream.schemas.CommunityId;
import dev.ledgerstream.servicekit.web.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigInteger;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The platform-wide endpoints of SPEC 7, for role {@code admin} only. */
@RestController
@Tag(name = "platform")
class PlatformController {

    private final TenantReads reads;
    private final ReadLimits limits;

    PlatformController(TenantReads reads, ReadLimits limits) {
        this.reads = reads;
        this.limits = limits;
    }

    @Operation(summary = "System-wide conservation: I-13, cross-checks, violations by invariant, last reconciliation")
    @GetMapping(path = "/api/v1/admin/conservation", produces = "application/json")
    SystemConservationReport conservation(AdminPrincipal principal) {
        principal.requirePlatformAdmin();
        return reads.platformWide(connection -> {
            Map<String, BigInteger> totals = PlatformQueries.systemTotals(connection);
            List<InvariantCheck> checks = PlatformQueries.checks(totals);
            List<InvariantCount> counts = PlatformQueries.violationCounts(connection);
            long failures = counts.stream().mapToLong(InvariantCount::violations).sum();
            boolean violated = failures > 0 || checks.stream().anyMatch(InvariantCheck::failed);
            List<ReconciliationRun> last = PlatformQueries.reconciliationRuns(connection, 1);
            Map<String, String> figures = new LinkedHashMap<>();
            totals.forEach((name, value) -> figures.put(name, value.toString()));
            return new SystemConservationReport(violated ? "violated" : "ok", checks.get(0), checks, figures, failures,
                    counts, PlatformQueries.systemViolations(connection, limits.recentRows()),
                    last.isEmpty() ? null : last.get(0));
        });
    }

    @Operation(summary = "Communities with a ledger, in id order, with their balance (the dashboard's picker)",
            description = "Pass `next_cursor` back as `cursor`.")
    @GetMapping(path = "/api/v1/admin/communities", produces = "application/json")
    Page<CommunitySummary> communities(AdminPrincipal principal,
            @RequestParam(name = "limit", required = false) String limit,
            @RequestParam(name = "cursor", required = false) String cursor) {
        principal.requirePlatformAdmin();
        int pageLimit = limits.pageLimit(limit);
        PageCursor after = PageCursor.decode("cursor", cursor);
        if (after != null && !CommunityId.isValid(after.id())) {
            throw ApiProblem.invalidParameter("cursor", "is not a cursor returned by this API");
        }
        String afterId = after == null ? null : after.id();
        List<CommunitySummary> rows = reads.platformWide(
                connection -> PlatformQueries.communities(connection, afterId, pageLimit + 1));
        return Page.of(rows, pageLimit, community -> new PageCursor(Instant.EPOCH, community.communityId()));
    }

    @Operation(summary = "Recent reconciliation runs and their differences, newest first")
    @GetMapping(path = "/api/v1/admin/reconciliation", produces = "application/json")
    Map<String, List<ReconciliationRun>> reconciliation(AdminPrincipal principal,
            @RequestParam(name = "limit", required = false) String limit) {
        principal.requirePlatformAdmin();
        int runs = functionRows(limit);
        return Map.of("runs", reads.platformWide(connection -> PlatformQueries.reconciliationRuns(connection, runs)));
    }

    @Operation(summary = "Payments that were paid but left uncredited, of every community and of none, newest first",
            description = "Held payments (`held_repeat_deposit`, `held_underpaid`), payments whose price buys no "
                    + "credit, and payments whose `order_id` names no community; `reason` says which. At most 1,000.")
    @GetMapping(path = "/api/v1/admin/unassigned-payments", produces = "application/json")
    Map<String, List<UnresolvedPayment>> unassignedPayments(AdminPrincipal principal,
            @RequestParam(name = "limit", required = false) String limit) {
        principal.requirePlatformAdmin();
        int rows = functionRows(limit);
        return Map.of("items", reads.platformWide(connection -> PlatformQueries.unresolvedPayments(connection, rows)));
    }

    /** The {@code limit} of a list read through a platform function: at most what the function returns. */
    private int functionRows(String limit) {
        return RequestParameters.bounded("limit", limit, limits.recentRows(), 1, PlatformQueries.FUNCTION_MAX_ROWS);
    }

    @Operation(summary = "Quarantined IPNs, dead-lettered and sink-rejected records with their reasons, newest first",
            description = "Pages reach back over the newest 1,000 records of each kind. Pass `next_cursor` back as `cursor`.")
    @GetMapping(path = "/api/v1/admin/quarantine", produces = "application/json")
    Page<QuarantineItem> quarantine(AdminPrincipal principal,
            @RequestParam(name = "limit", required = false) String limit,
            @RequestParam(name = "cursor", required = false) String cursor) {
        principal.requirePlatformAdmin();
        int pageLimit = Math.min(limits.pageLimit(limit), PlatformQueries.FUNCTION_MAX_ROWS);
        PageCursor after = PageCursor.decode("cursor", cursor);
        List<QuarantineItem> rows = reads.platformWide(
                connection -> PlatformQueries.quarantine(connection, after, pageLimit + 1));
        return Page.of(rows, pageLimit, PlatformQueries::cursorOf);
    }
}
