package dev.ledgerstream.admin.payments;

import dev.ledgerstream.admin.auth.AdminPrincipal;
import dev.ledgerstream.admin.tenant.TenantReads;
import dev.ledgerstream.admin.web.Page;
import dev.ledgerstream.admin.web.PageCursor;
import dev.ledgerstream.admin.web.ReadLimits;
import dev.ledgerstream.admin.web.RequestParameters;
import dev.ledgerstream.admin.web.TimeWindow;
import dev.ledgerstream.servicekit.web.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/admin/community/{id}/payments} (SPEC 7). */
@RestController
@Tag(name = "community")
class PaymentsController {

    private final TenantReads reads;
    private final ReadLimits limits;

    PaymentsController(TenantReads reads, ReadLimits limits) {
        this.reads = reads;
        this.limits = limits;
    }

    @Operation(summary = "Payments with status, history, credited amount and mint outcome, newest first",
            description = "`from`/`to` filter on when the payment was first seen; `attention=true` lists only "
                    + "payments an admin must resolve. Pass `next_cursor` back as `cursor`.")
    @GetMapping(path = "/api/v1/admin/community/{id}/payments", produces = "application/json")
    Page<PaymentView> payments(AdminPrincipal principal, @PathVariable("id") String id,
            @RequestParam(name = "from", required = false) String from,
            @RequestParam(name = "to", required = false) String to,
            @RequestParam(name = "attention", required = false) String attention,
            @RequestParam(name = "limit", required = false) String limit,
            @RequestParam(name = "cursor", required = false) String cursor) {
        UUID community = RequestParameters.communityId(id);
        principal.requireCommunity(community);
        TimeWindow window = TimeWindow.optional(from, to);
        boolean attentionOnly = flag("attention", attention);
        int pageLimit = limits.pageLimit(limit);
        PageCursor after = PageCursor.decode("cursor", cursor);
        List<PaymentView> rows = reads.inCommunity(community, connection ->
                PaymentQueries.payments(connection, community, window, attentionOnly, after, pageLimit + 1));
        return Page.of(rows, pageLimit, PaymentQueries::cursorOf);
    }

    private static boolean flag(String parameter, String text) {
        if (text == null || text.isBlank() || text.equals("false")) {
            return false;
        }
        if (text.equals("true")) {
            return true;
        }
        throw ApiProblem.invalidParameter(parameter, "must be true or false");
    }
}
