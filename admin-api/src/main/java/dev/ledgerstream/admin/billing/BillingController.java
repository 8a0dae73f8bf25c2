package dev.ledgerstream.admin.billing;

import dev.ledgerstream.admin.auth.AdminPrincipal;
import dev.ledgerstream.admin.tenant.TenantReads;
import dev.ledgerstream.admin.web.Page;
import dev.ledgerstream.admin.web.PageCursor;
import dev.ledgerstream.admin.web.ReadLimits;
import dev.ledgerstream.admin.web.RequestParameters;
import dev.ledgerstream.admin.web.TimeWindow;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET …/community/{id}/billing} (SPEC 7) and the transaction list behind its recent transactions. */
@RestController
@Tag(name = "community")
class BillingController {

    private static final TimeWindow ALL_TIME = TimeWindow.optional(null, null);

    private final TenantReads reads;
    private final ReadLimits limits;
    private final Clock clock;

    BillingController(TenantReads reads, ReadLimits limits, Clock clock) {
        this.reads = reads;
        this.limits = limits;
        this.clock = clock;
    }

    @Operation(summary = "Balance, lots, trailing burn rate, projected depletion date and recent transactions")
    @GetMapping(path = "/api/v1/admin/community/{id}/billing", produces = "application/json")
    BillingReport billing(AdminPrincipal principal, @PathVariable("id") String id) {
        UUID community = RequestParameters.communityId(id);
        principal.requireCommunity(community);
        Instant now = clock.instant();
        return reads.inCommunity(community, connection -> {
            BillingQueries.Lots lots = BillingQueries.lots(connection, community, limits.breakdownMaxRows());
            BigInteger spend = BillingQueries.spend(connection, community, now.minus(limits.burnWindow()), now);
            Page<TransactionView> recent = Page.of(BillingQueries.transactions(connection, community, ALL_TIME, null,
                    limits.recentRows() + 1), limits.recentRows(), BillingQueries::cursorOf);
            return new BillingReport(community.toString(), now, lots.remainingMicro().toString(),
                    lots.mintedMicro().toString(), lots.debitedMicro().toString(),
                    lots.expiredMicro().toString(), lots.revokedMicro().toString(), lots.count(), lots.listed(),
                    limits.burnWindowDays(), spend.toString(),
                    DepletionProjection.burnRateMicroPerDay(spend, limits.burnWindow()).toString(),
                    DepletionProjection.depletionDate(lots.remainingMicro(), spend, limits.burnWindow(), now),
                    recent.items(), recent.nextCursor());
        });
    }

    @Operation(summary = "The community's ledger entries, newest first, with cursor pagination",
            description = "`from`/`to` filter on the entry's business time. Pass `next_cursor` back as `cursor`.")
    @GetMapping(path = "/api/v1/admin/community/{id}/transactions", produces = "application/json")
    Page<TransactionView> transactions(AdminPrincipal principal, @PathVariable("id") String id,
            @RequestParam(name = "from", required = false) String from,
            @RequestParam(name = "to", required = false) String to,
            @RequestParam(name = "limit", required = false) String limit,
            @RequestParam(name = "cursor", required = false) String cursor) {
        UUID community = RequestParameters.communityId(id);
        principal.requireCommunity(community);
        TimeWindow window = TimeWindow.optional(from, to);
        int pageLimit = limits.pageLimit(limit);
        PageCursor after = PageCursor.decode("cursor", cursor);
        List<TransactionView> rows = reads.inCommunity(community,
                connection -> BillingQueries.transactions(connection, community, window, after, pageLimit + 1));
        return Page.of(rows, pageLimit, BillingQueries::cursorOf);
    }
}
