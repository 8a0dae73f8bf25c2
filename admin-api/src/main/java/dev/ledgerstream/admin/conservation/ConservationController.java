package dev.ledgerstream.admin.conservation;

import dev.ledgerstream.admin.auth.AdminPrincipal;
import dev.ledgerstream.admin.tenant.TenantReads;
import dev.ledgerstream.admin.web.Page;
import dev.ledgerstream.admin.web.PageCursor;
import dev.ledgerstream.admin.web.ReadLimits;
import dev.ledgerstream.admin.web.RequestParameters;
import dev.ledgerstream.servicekit.web.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET …/community/{id}/conservation} (SPEC 7) and the paged list of its violations. */
@RestController
@Tag(name = "community")
class ConservationController {

    private static final Pattern INVARIANT = Pattern.compile("I-([1-9]|1[0-4])");

    private final TenantReads reads;
    private final ReadLimits limits;

    ConservationController(TenantReads reads, ReadLimits limits) {
        this.reads = reads;
        this.limits = limits;
    }

    @Operation(summary = "Conservation status: invariants checked now, recorded failures by invariant, recent violations")
    @GetMapping(path = "/api/v1/admin/community/{id}/conservation", produces = "application/json")
    ConservationReport conservation(AdminPrincipal principal, @PathVariable("id") String id) {
        UUID community = RequestParameters.communityId(id);
        principal.requireCommunity(community);
        return reads.inCommunity(community, connection -> {
            ConservationQueries.Totals totals = ConservationQueries.totals(connection, community);
            List<InvariantCount> counts = ConservationQueries.counts(connection, community);
            Page<ViolationView> recent = Page.of(asSeenBy(principal, community, ConservationQueries.violations(
                    connection, community, null, null, limits.recentRows() + 1)), limits.recentRows(),
                    ConservationQueries::cursorOf);
            List<InvariantCheck> checks = totals.checks();
            long failures = counts.stream().mapToLong(InvariantCount::violations).sum();
            boolean violated = failures > 0 || checks.stream().anyMatch(InvariantCheck::failed);
            return new ConservationReport(community.toString(), violated ? "violated" : "ok", checks, failures, counts,
                    Map.of("pass", totals.usageEvents() - totals.usageGuardFailed(), "fail", totals.usageGuardFailed()),
                    totals.asFigures(), recent.items(), recent.nextCursor());
        });
    }

    @Operation(summary = "The community's recorded guard violations, newest first, with cursor pagination")
    @GetMapping(path = "/api/v1/admin/community/{id}/violations", produces = "application/json")
    Page<ViolationView> violations(AdminPrincipal principal, @PathVariable("id") String id,
            @RequestParam(name = "invariant", required = false) String invariant,
            @RequestParam(name = "limit", required = false) String limit,
            @RequestParam(name = "cursor", required = false) String cursor) {
        UUID community = RequestParameters.communityId(id);
        principal.requireCommunity(community);
        if (invariant != null && !INVARIANT.matcher(invariant).matches()) {
            throw ApiProblem.invalidParameter("invariant", "must be one of I-1 … I-14");
        }
        int pageLimit = limits.pageLimit(limit);
        PageCursor after = PageCursor.decode("cursor", cursor);
        List<ViolationView> rows = reads.inCommunity(community,
                connection -> ConservationQueries.violations(connection, community, invariant, after, pageLimit + 1));
        return Page.of(asSeenBy(principal, community, rows), pageLimit, ConservationQueries::cursorOf);
    }

    /** Another tenant's data in the evidence is for platform admins only. */
    private static List<ViolationView> asSeenBy(AdminPrincipal principal, UUID community, List<ViolationView> rows) {
        return principal.platformAdmin() ? rows
                : rows.stream().map(violation -> violation.withoutOtherTenants(community.toString())).toList();
    }
}
