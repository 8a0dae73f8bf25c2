package dev.ledgerstream.admin.actions;

import dev.ledgerstream.admin.auth.AdminPrincipal;
import dev.ledgerstream.admin.tenant.TenantReads;
import dev.ledgerstream.admin.web.ReadLimits;
import dev.ledgerstream.admin.web.RequestParameters;
import dev.ledgerstream.schemas.ingest.IpnReceived;
import dev.ledgerstream.schemas.ingest.OperatorAction;
import dev.ledgerstream.schemas.ledger.MintOutcome;
import dev.ledgerstream.servicekit.web.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operators' actions (SPEC 5.5, 7), role {@code admin} only. A release or dismissal is checked
 * against the payment's recorded state first, so that an operator learns at once that a payment is
 * unknown (404) or has nothing to resolve (409); the community task decides every action again
 * against its own state, which is the one that counts, and what it did is listed by the GET.
 */
@RestController
@Tag(name = "actions")
class ActionsController {

    private static final Logger log = LoggerFactory.getLogger(ActionsController.class);
    /** The most rows {@code platform.recent_operator_actions} returns (V8). */
    private static final int MAX_ROWS = 1000;

    private final TenantReads reads;
    private final ReadLimits limits;
    private final ActionPublisher publisher;
    private final Clock clock;

    ActionsController(TenantReads reads, ReadLimits limits, ActionPublisher publisher, Clock clock) {
        this.reads = reads;
        this.limits = limits;
        this.publisher = publisher;
        this.clock = clock;
    }

    /** The answer to an accepted action: its id, and where to see what it did. */
    record Accepted(String actionId, String kind, String status, Instant requestedAt) {
    }

    @Operation(summary = "An operator's action: grant credit, release or dismiss a held payment, set the charging mode "
            + "(SPEC 5.5)",
            description = "Body: `{\"kind\": \"grant\", \"community_id\", \"amount_micro\", \"expires_at\"?, "
                    + "\"idempotency_key\", \"reason\"}`, `{\"kind\": \"release\"|\"dismiss\", \"payment_id\", "
                    + "\"idempotency_key\", \"reason\"}` or `{\"kind\": \"set_charging_mode\", \"community_id\"? "
                    + "(none: every community), \"charging\": \"live\"|\"shadow\", \"minting\": \"live\"|\"paused\", "
                    + "\"idempotency_key\", \"reason\"}`. The actor is the token's `sub`. 202 once the action is on "
                    + "`operator.actions.v1`; the same idempotency key again is the same action (same `action_id`). "
                    + "What the ledger did with it: `GET /api/v1/admin/actions`.")
    @PostMapping(path = "/api/v1/admin/actions", produces = "application/json")
    ResponseEntity<Accepted> act(AdminPrincipal principal, @RequestBody(required = false) String body) {
        principal.requirePlatformAdmin();
        String actor = principal.subject();
        if (actor == null || actor.isBlank()) {
            throw ApiProblem.forbidden("actor-required", "an action needs a token with a sub claim: it names the actor");
        }
        OperatorAction action = ActionRequests.parse(body, actor, clock.instant());
        if (action.global()) {
            publisher.publishToEveryPartition(action);
            log.info("operator action accepted: {} for every community (charging {}, minting {}) by {} (action {}, key {})",
                    action.kind().wireName(), action.charging().wireName(), action.minting().wireName(),
                    action.actor(), action.actionId(), action.idempotencyKey());
            return ResponseEntity.accepted().body(new Accepted(action.actionId(), action.kind().wireName(), "accepted",
                    action.requestedAt()));
        }
        String key = action.kind().resolvesPayment() ? keyOfPayment(action) : action.communityId();
        if (key != null) {
            publisher.publish(key, action);
            log.info("operator action accepted: {} {} by {} (action {}, key {})", action.kind().wireName(),
                    action.subject(), action.actor(), action.actionId(), action.idempotencyKey());
        }
        return ResponseEntity.accepted().body(new Accepted(action.actionId(), action.kind().wireName(),
                key == null ? "applied_before" : "accepted", action.requestedAt()));
    }

    /**
     * The key the payment's notifications carry (so that the action meets its state in one task),
     * after the checks an operator should hear about at once; null when this very action resolved it
     * already (the same idempotency key again: nothing to send).
     */
    private String keyOfPayment(OperatorAction action) {
        ActionQueries.PaymentForAction payment = reads.platformWide(
                connection -> ActionQueries.payment(connection, action.paymentId()));
        if (payment == null) {
            throw ApiProblem.notFound("payment-not-found", "the ledger has no payment " + action.paymentId());
        }
        if (action.actionId().equals(payment.resolvedBy())) {
            return null;
        }
        if (payment.resolution() != null) {
            throw ApiProblem.conflict("payment-resolved", "payment " + action.paymentId() + " was resolved already ("
                    + payment.resolution() + ")");
        }
        boolean awaits = payment.mintOutcome() != null && MintOutcome.ofWireName(payment.mintOutcome()).awaitsResolution();
        if (!awaits) {
            throw ApiProblem.conflict("payment-not-awaiting-resolution", "payment " + action.paymentId()
                    + " does not await resolution (mint_outcome " + payment.mintOutcome() + ")");
        }
        return IpnReceived.topicKey(payment.orderId(), payment.paymentId());
    }

    @Operation(summary = "What the latest operator actions did (applied, duplicate, rejected and why), newest first")
    @GetMapping(path = "/api/v1/admin/actions", produces = "application/json")
    Map<String, List<ActionView>> actions(AdminPrincipal principal,
            @RequestParam(name = "limit", required = false) String limit) {
        principal.requirePlatformAdmin();
        int rows = RequestParameters.bounded("limit", limit, limits.recentRows(), 1, MAX_ROWS);
        return Map.of("items", reads.platformWide(connection -> ActionQueries.recent(connection, rows)));
    }

    /** The modes in force (SPEC 5.5): the global setting and every community's own. */
    record Modes(ModeView global, List<ModeView> communities) {
    }

    @Operation(summary = "The charging and minting modes in force: for every community, and each community's own "
            + "(a community works under the stricter of the two)")
    @GetMapping(path = "/api/v1/admin/charging-mode", produces = "application/json")
    Modes chargingModes(AdminPrincipal principal) {
        principal.requirePlatformAdmin();
        List<ModeView> all = reads.platformWide(connection -> ActionQueries.modes(connection,
                ChargingModeGauges.MAX_SCOPES));
        return new Modes(ModeView.global(all), all.stream().filter(mode -> mode.communityId() != null).toList());
    }
}
