package dev.ledgerstream.admin.usage;

import dev.ledgerstream.admin.auth.AdminPrincipal;
import dev.ledgerstream.admin.tenant.TenantReads;
import dev.ledgerstream.admin.web.ReadLimits;
import dev.ledgerstream.admin.web.RequestParameters;
import dev.ledgerstream.admin.web.TimeWindow;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/admin/community/{id}/usage} (SPEC 7). */
@RestController
@Tag(name = "community")
class UsageController {

    private final TenantReads reads;
    private final ReadLimits limits;
    private final Clock clock;

    UsageController(TenantReads reads, ReadLimits limits, Clock clock) {
        this.reads = reads;
        this.limits = limits;
        this.clock = clock;
    }

    @Operation(summary = "Spend, events and tokens in [from, to), by pool, NFT and UTC day",
            description = "Times are when the ledger received the usage. `from` defaults to 30 days before `to`, `to` to now.")
    @GetMapping(path = "/api/v1/admin/community/{id}/usage", produces = "application/json")
    UsageReport usage(AdminPrincipal principal, @PathVariable("id") String id,
            @RequestParam(name = "from", required = false) String from,
            @RequestParam(name = "to", required = false) String to) {
        UUID community = RequestParameters.communityId(id);
        principal.requireCommunity(community);
        TimeWindow window = TimeWindow.of(from, to, clock.instant(), limits.usageDefaultWindow(), limits.maxWindow());
        return reads.inCommunity(community,
                connection -> UsageQueries.report(connection, community, window, limits.breakdownMaxRows()));
    }
}
