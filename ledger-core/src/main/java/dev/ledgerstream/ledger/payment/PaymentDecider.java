package dev.ledgerstream.ledger.payment;

import dev.ledgerstream.ledger.guard.ConservationGuard;
import dev.ledgerstream.ledger.guard.GuardContext;
import dev.ledgerstream.ledger.guard.GuardResult;
import dev.ledgerstream.ledger.identity.LedgerIds;
import dev.ledgerstream.ledger.lots.LedgerCommand;
import dev.ledgerstream.ledger.lots.MintLot;
import dev.ledgerstream.ledger.lots.RevokeLot;
import dev.ledgerstream.schemas.CommunityId;
import dev.ledgerstream.schemas.PaymentStatus;
import dev.ledgerstream.schemas.ingest.ActionKind;
import dev.ledgerstream.schemas.ingest.OperatorAction;
import dev.ledgerstream.schemas.ledger.ActionOutcome;
import dev.ledgerstream.schemas.ledger.ActionResult;
import dev.ledgerstream.schemas.ledger.MintOutcome;
import dev.ledgerstream.schemas.ledger.PaymentOutcome;
import dev.ledgerstream.schemas.ledger.TransitionOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The payment state machine (SPEC 5.1) and the mint decision (5.2) as a pure decider:
 * {@link #decide} says what a notification does, {@link #evolve} applies that to the state. The
 * processor loads the state, calls both, stores the new state and forwards the decision's events
 * and commands. Nothing here reads a clock: times come from the notification.
 */
public final class PaymentDecider {

    /** How many event ids a payment remembers; a payment has a handful of notifications. */
    public static final int RECENT_EVENT_IDS = 32;

    /** A century: any longer TTL is a configuration mistake, and it keeps expiry times representable. */
    private static final Duration MAX_LOT_TTL = Duration.ofDays(36_500);

    private final Duration lotTtl;

    private PaymentDecider(Duration lotTtl) {
        this.lotTtl = lotTtl;
    }

    /** Lots from payments never expire (the default: {@code LOT_TTL_DAYS} unset). */
    public static PaymentDecider withoutLotTtl() {
        return new PaymentDecider(null);
    }

    /** Lots from payments expire {@code lotTtl} after the finishing notification's receipt. */
    public static PaymentDecider withLotTtl(Duration lotTtl) {
        if (lotTtl.isNegative() || lotTtl.isZero() || lotTtl.compareTo(MAX_LOT_TTL) > 0) {
            throw new IllegalArgumentException("lot TTL must be positive and at most 36500 days: " + lotTtl);
        }
        return new PaymentDecider(lotTtl);
    }

    /** {@link #decide(PaymentState, IpnInput, Predicate)} with minting live for every community. */
    public PaymentDecision decide(PaymentState current, IpnInput ipn) {
        return decide(current, ipn, community -> false);
    }

    /**
     * Decides one notification for a payment whose state is {@code current} (null for a payment
     * not seen yet). A payment that would mint in a community whose minting is paused (SPEC 5.5)
     * is held ({@code held_paused}) instead. Throws only for a caller bug: a notification for
     * another payment.
     */
    public PaymentDecision decide(PaymentState current, IpnInput ipn, Predicate<String> mintingPaused) {
        if (current != null && !current.paymentId().equals(ipn.paymentId())) {
            throw new IllegalArgumentException("notification for payment " + ipn.paymentId()
                    + " decided against the state of " + current.paymentId());
        }
        TransitionOutcome kind = classify(current, ipn);
        if (kind != TransitionOutcome.ACCEPTED) {
            return rejected(current, ipn, kind);
        }
        if (ipn.status() == PaymentStatus.FINISHED) {
            return finish(current, ipn, mintingPaused);
        }
        if (ipn.status() == PaymentStatus.REFUNDED && current != null && current.lotId() != null) {
            return refund(current, ipn);
        }
        MintOutcome mint = ipn.status() == PaymentStatus.PARTIALLY_PAID ? MintOutcome.PARTIALLY_PAID : null;
        String community = communityFor(current, ipn);
        String lotId = current == null ? null : current.lotId();
        long credited = current == null ? 0 : current.creditedMicro();
        PaymentOutcome outcome = outcome(current, ipn, kind, community, mint, lotId, credited);
        return new PaymentDecision(outcome, List.of(), transitionCheck(current, ipn, true, community));
    }

    /** The state after {@code decision}; a rejected notification only adds its event id to the memory. */
    public PaymentState evolve(PaymentState current, PaymentDecision decision) {
        PaymentOutcome outcome = decision.outcome();
        List<String> recent = remember(current == null ? List.of() : current.recentEventIds(), outcome.eventId());
        if (!decision.accepted()) {
            return new PaymentState(current.paymentId(), current.status(), current.communityId(),
                    current.mintOutcome(), current.lotId(), current.creditedMicro(), recent, current.updatedAt(),
                    current.priceAmount(), current.priceCurrency(), current.resolution());
        }
        MintOutcome mint = outcome.mintOutcome() != null || current == null ? outcome.mintOutcome() : current.mintOutcome();
        return new PaymentState(outcome.paymentId(), outcome.status(), outcome.communityId(), mint, outcome.lotId(),
                outcome.creditedMicro(), recent, outcome.occurredAt(), outcome.priceAmount(), outcome.priceCurrency(),
                current == null ? null : current.resolution());
    }

    /**
     * Decides an operator's release or dismissal of the payment whose state is {@code current}
     * (null for a payment the ledger has not seen), SPEC 5.5. Only a payment that awaits
     * resolution ({@link MintOutcome#awaitsResolution}) and has not been resolved can be; a release
     * also needs a finished payment, a community and a price that buys credits, and mints the lot
     * the notification would have minted (dated at the request, with the lot TTL from then). The
     * same action again is a duplicate; anything else that cannot apply is rejected with the reason.
     */
    public Resolution resolve(PaymentState current, OperatorAction action) {
        if (!action.kind().resolvesPayment()) {
            throw new IllegalArgumentException("not a payment resolution: " + action.kind());
        }
        if (current == null) {
            return Resolution.unchanged(ActionOutcome.of(action, ActionResult.REJECTED,
                    "the ledger has no payment " + action.paymentId(), null, null, 0));
        }
        if (!current.paymentId().equals(action.paymentId())) {
            throw new IllegalArgumentException("action for payment " + action.paymentId()
                    + " decided against the state of " + current.paymentId());
        }
        String community = current.communityId();
        if (current.recentEventIds().contains(action.actionId())) {
            return Resolution.unchanged(ActionOutcome.of(action, ActionResult.DUPLICATE, "this action was applied before",
                    community, current.lotId(), current.creditedMicro()));
        }
        String refusal = refusal(current, action);
        if (refusal != null) {
            return Resolution.unchanged(ActionOutcome.of(action, ActionResult.REJECTED, refusal, community, null, 0));
        }
        if (action.kind() == ActionKind.DISMISS) {
            ActionOutcome outcome = ActionOutcome.of(action, ActionResult.APPLIED, null, community, null, 0);
            return new Resolution(outcome, resolved(current, outcome), List.of(), GuardResult.NONE);
        }
        long credits = CreditPricing.quote(current.priceAmount(), current.priceCurrency()).creditsMicro();
        Instant expiresAt = lotTtl == null ? null : action.requestedAt().plus(lotTtl);
        MintLot mint = MintLot.forPayment(current.paymentId(), community, credits, action.requestedAt(), expiresAt);
        GuardResult guard = ConservationGuard.checkMint(current.paymentId(), current.status(), current.lotId() != null,
                credits, mint.amountMicro(), new GuardContext(community, "action:" + action.actionId(),
                        action.requestedAt()));
        ActionOutcome outcome = ActionOutcome.of(action, ActionResult.APPLIED, null, community, mint.lotId(),
                mint.amountMicro());
        return new Resolution(outcome, resolved(current, outcome), List.<LedgerCommand>of(mint), guard);
    }

    /**
     * The state after an applied release or dismissal: resolved, the action remembered, and a
     * release's lot kept, so that a later refund revokes it. Also how a replay resuming from a
     * recorded ledger folds in the resolutions it recorded.
     */
    public PaymentState resolved(PaymentState current, ActionOutcome applied) {
        if (applied.result() != ActionResult.APPLIED || !applied.kind().resolvesPayment()
                || !current.paymentId().equals(applied.paymentId())) {
            throw new IllegalArgumentException("not an applied resolution of payment " + current.paymentId());
        }
        boolean released = applied.kind() == ActionKind.RELEASE;
        return new PaymentState(current.paymentId(), current.status(), current.communityId(), current.mintOutcome(),
                released ? applied.lotId() : current.lotId(), released ? applied.amountMicro() : current.creditedMicro(),
                remember(current.recentEventIds(), applied.actionId()), current.updatedAt(), current.priceAmount(),
                current.priceCurrency(), applied.kind());
    }

    /** Why {@code action} cannot resolve the payment, or null when it can. */
    private static String refusal(PaymentState current, OperatorAction action) {
        if (current.resolution() != null) {
            return "the payment was resolved already (" + current.resolution().wireName() + ")";
        }
        if (current.mintOutcome() == null || !current.mintOutcome().awaitsResolution()) {
            return "the payment does not await resolution (mint_outcome "
                    + (current.mintOutcome() == null ? "none" : current.mintOutcome().wireName()) + ")";
        }
        if (action.kind() == ActionKind.DISMISS) {
            return null;
        }
        if (current.status() != PaymentStatus.FINISHED) {
            return "only a finished payment's lot can be released (status " + current.status().wireName() + ")";
        }
        if (current.communityId() == null) {
            return "the payment names no community: grant its credit to the right community and dismiss it";
        }
        if (current.priceAmount() == null || current.priceCurrency() == null) {
            return "the ledger kept no price for this payment: grant its credit and dismiss it";
        }
        CreditQuote quote = CreditPricing.quote(current.priceAmount(), current.priceCurrency());
        if (quote.outcome() != MintOutcome.MINTED) {
            return "its price buys no credits (" + quote.outcome().wireName() + "): grant and dismiss instead";
        }
        return null;
    }

    /**
     * The state a payment had after {@code history}, its outcomes in the order the ledger decided
     * them (as recorded on {@code ledger.payments.v1}): {@link #evolve} folded over them, so that a
     * replay can resume from a recorded ledger. Null for an empty history.
     */
    public PaymentState restore(List<PaymentOutcome> history) {
        PaymentState state = null;
        for (PaymentOutcome outcome : history) {
            if (state == null && outcome.outcome() != TransitionOutcome.ACCEPTED) {
                throw new IllegalArgumentException("the history of payment " + outcome.paymentId()
                        + " does not start with an accepted notification");
            }
            state = evolve(state, new PaymentDecision(outcome, List.of(), GuardResult.NONE));
        }
        return state;
    }

    static TransitionOutcome classify(PaymentState current, IpnInput ipn) {
        if (current == null) {
            return TransitionOutcome.ACCEPTED;
        }
        if (current.recentEventIds().contains(ipn.eventId()) || current.status() == ipn.status()) {
            return TransitionOutcome.DUPLICATE;
        }
        return StatusRanks.advances(current.status(), ipn.status()) ? TransitionOutcome.ACCEPTED : TransitionOutcome.STALE;
    }

    private PaymentDecision rejected(PaymentState current, IpnInput ipn, TransitionOutcome kind) {
        PaymentOutcome outcome = outcome(current, ipn, kind, current.communityId(), null, current.lotId(),
                current.creditedMicro());
        return new PaymentDecision(outcome, List.of(), transitionCheck(current, ipn, false, current.communityId()));
    }

    /**
     * The first (and only) move into {@code finished}: mint one lot when it is no repeat deposit and
     * price, community and paid value allow (SPEC 5.2). The reasons not to mint are checked in this
     * order, so that an operator sees first what has to be decided first: a repeat deposit, then
     * the price, the community, what was paid, and last whether minting is paused.
     */
    private PaymentDecision finish(PaymentState current, IpnInput ipn, Predicate<String> mintingPaused) {
        String community = communityFor(current, ipn);
        CreditQuote quote = CreditPricing.quote(ipn.priceAmount(), ipn.priceCurrency());
        GuardResult guard = transitionCheck(current, ipn, true, community);
        if (quote.outcome() == MintOutcome.AMOUNT_OUT_OF_RANGE) {
            guard = guard.plus(ConservationGuard.overflow(ipn.paymentId(), "credits for price " + ipn.priceAmount(),
                    context(ipn, community)));
        }
        MintOutcome noMintReason = noMintReason(ipn, quote, community);
        if (noMintReason == null && mintingPaused.test(community)) {
            noMintReason = MintOutcome.HELD_PAUSED;
        }
        if (noMintReason != null) {
            PaymentOutcome outcome = outcome(current, ipn, TransitionOutcome.ACCEPTED, community, noMintReason, null, 0);
            return new PaymentDecision(outcome, List.of(), guard);
        }
        Instant expiresAt = lotTtl == null ? null : ipn.receivedAt().plus(lotTtl);
        MintLot mint = MintLot.forPayment(ipn.paymentId(), community, quote.creditsMicro(), ipn.receivedAt(), expiresAt);
        boolean hadLot = current != null && current.lotId() != null;
        guard = guard.plus(ConservationGuard.checkMint(ipn.paymentId(), ipn.status(), hadLot, quote.creditsMicro(),
                mint.amountMicro(), context(ipn, community)));
        PaymentOutcome outcome = outcome(current, ipn, TransitionOutcome.ACCEPTED, community, MintOutcome.MINTED,
                mint.lotId(), mint.amountMicro());
        return new PaymentDecision(outcome, List.<LedgerCommand>of(mint), guard);
    }

    /** Why a finished payment mints nothing, or null when it mints. */
    private static MintOutcome noMintReason(IpnInput ipn, CreditQuote quote, String community) {
        if (ipn.repeatDeposit()) {
            return MintOutcome.HELD_REPEAT_DEPOSIT;
        }
        if (quote.outcome() != MintOutcome.MINTED) {
            return quote.outcome();
        }
        if (community == null) {
            return MintOutcome.UNKNOWN_COMMUNITY;
        }
        return CreditPricing.covers(ipn.paidAtFiat(), ipn.priceAmount()) ? null : MintOutcome.HELD_UNDERPAID;
    }

    /** {@code finished → refunded}: revoke what is left of the lot, in the lot's community. */
    private PaymentDecision refund(PaymentState current, IpnInput ipn) {
        RevokeLot revoke = new RevokeLot(current.lotId(), current.communityId(), ipn.paymentId(), ipn.receivedAt());
        PaymentOutcome outcome = outcome(current, ipn, TransitionOutcome.ACCEPTED, current.communityId(), null,
                current.lotId(), current.creditedMicro());
        return new PaymentDecision(outcome, List.<LedgerCommand>of(revoke),
                transitionCheck(current, ipn, true, current.communityId()));
    }

    /**
     * Once a lot is minted the payment belongs to the lot's community; before that, to the
     * community its latest notification names, or the one an earlier notification named.
     */
    private static String communityFor(PaymentState current, IpnInput ipn) {
        if (current != null && current.lotId() != null) {
            return current.communityId();
        }
        String named = CommunityId.namedByOrderId(ipn.orderId()).map(CommunityId::value).orElse(null);
        return named != null || current == null ? named : current.communityId();
    }

    private static GuardResult transitionCheck(PaymentState current, IpnInput ipn, boolean accepted, String community) {
        return ConservationGuard.checkTransition(current == null ? null : current.status(), ipn.status(), accepted,
                context(ipn, community));
    }

    private static GuardContext context(IpnInput ipn, String community) {
        return new GuardContext(community, "payment:" + ipn.paymentId() + ":" + ipn.eventId(), ipn.receivedAt());
    }

    private static PaymentOutcome outcome(PaymentState current, IpnInput ipn, TransitionOutcome kind, String community,
            MintOutcome mint, String lotId, long creditedMicro) {
        return new PaymentOutcome(LedgerIds.paymentOutcome(ipn.paymentId(), ipn.eventId(), kind), ipn.paymentId(),
                ipn.eventId(), community, ipn.status(), current == null ? null : current.status(), kind, mint, lotId,
                creditedMicro, ipn.priceAmount(), ipn.priceCurrency(), ipn.orderId(), ipn.receivedAt());
    }

    private static List<String> remember(List<String> recent, String eventId) {
        if (recent.contains(eventId)) {
            return recent;
        }
        List<String> updated = new ArrayList<>(recent);
        updated.add(eventId);
        return updated.size() > RECENT_EVENT_IDS
                ? List.copyOf(updated.subList(updated.size() - RECENT_EVENT_IDS, updated.size()))
                : updated;
    }
}
