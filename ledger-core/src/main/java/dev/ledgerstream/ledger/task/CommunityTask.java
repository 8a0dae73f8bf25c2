package dev.ledgerstream.ledger.task;

import dev.ledgerstream.ledger.guard.GuardResult;
import dev.ledgerstream.ledger.lots.CommunityLedger;
import dev.ledgerstream.ledger.lots.CommunityState;
import dev.ledgerstream.ledger.lots.LedgerCommand;
import dev.ledgerstream.ledger.lots.LedgerResult;
import dev.ledgerstream.ledger.lots.Disposition;
import dev.ledgerstream.ledger.lots.GrantLot;
import dev.ledgerstream.ledger.lots.Lot;
import dev.ledgerstream.ledger.mode.ModeSetting;
import dev.ledgerstream.ledger.payment.IpnInput;
import dev.ledgerstream.ledger.payment.Resolution;
import dev.ledgerstream.schemas.ingest.ActionKind;
import dev.ledgerstream.schemas.ingest.MintingMode;
import dev.ledgerstream.schemas.ingest.OperatorAction;
import dev.ledgerstream.schemas.ledger.ActionOutcome;
import dev.ledgerstream.schemas.ledger.ActionResult;
import dev.ledgerstream.ledger.payment.PaymentDecider;
import dev.ledgerstream.ledger.payment.PaymentDecision;
import dev.ledgerstream.ledger.payment.PaymentState;
import dev.ledgerstream.ledger.usage.FinalizationCheck;
import dev.ledgerstream.ledger.usage.FinalizationDedup;
import dev.ledgerstream.ledger.usage.RecordedFinalization;
import dev.ledgerstream.schemas.ingest.UsageFinalizationReceived;
import dev.ledgerstream.schemas.ledger.LedgerRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The steps of one community task (SPEC 5): the one sequence of decisions for a notification and
 * for a usage finalization, run by the stream topology over its state stores and by the replay over
 * maps, so that both produce the same records from the same inputs in the same order.
 */
public final class CommunityTask {

    private final PaymentDecider decider;

    public CommunityTask(PaymentDecider decider) {
        this.decider = Objects.requireNonNull(decider, "decider");
    }

    /**
     * A notification: the payment decider against the payment's state, the new state stored, then
     * what it decided (a mint, a revocation) applied to its community's lots. Records: the
     * payment's outcome and its violations, then the ledger's records for each command.
     */
    public StepResult onIpn(LedgerStores stores, IpnInput ipn) {
        PaymentState current = stores.payment(ipn.paymentId());
        PaymentDecision decision = decider.decide(current, ipn,
                community -> modes(stores, community).minting() == MintingMode.PAUSED);
        stores.putPayment(decider.evolve(current, decision));
        List<LedgerRecord> records = new ArrayList<>(decision.events());
        GuardResult guard = decision.guard();
        for (LedgerCommand command : decision.commands()) {
            LedgerResult result = apply(stores, command);
            records.addAll(result.events());
            guard = guard.plus(result.guard());
        }
        return new StepResult(records, guard);
    }

    /**
     * A usage finalization, with its {@link dev.ledgerstream.ledger.usage.UsageContent#hash}: the
     * community's own dedup decision (I-6); on a first sight the record is stored and the usage is
     * debited FIFO, or, in shadow mode, recorded with what it would have debited. Records: a
     * conflict's violation, or the usage's entries, usage event and violations. A duplicate emits
     * nothing.
     */
    public StepResult onUsage(LedgerStores stores, UsageFinalizationReceived usage, String contentHash) {
        String key = RecordedFinalization.storeKey(usage.communityId(), usage.finalizationId());
        FinalizationCheck check = FinalizationDedup.check(stores.finalization(key), usage, contentHash);
        if (!check.isFirst()) {
            return new StepResult(check.events(), check.guard());
        }
        stores.putFinalization(check.recorded());
        LedgerResult result = CommunityLedger.applyUsage(stores.community(usage.communityId()), usage, contentHash,
                modes(stores, usage.communityId()).charging());
        keep(stores, result);
        List<LedgerRecord> records = new ArrayList<>(check.events());
        records.addAll(result.events());
        return new StepResult(records, check.guard().plus(result.guard()));
    }

    /**
     * An operator's action (SPEC 5.5). A grant becomes a lot of source {@code grant} whose id derives
     * from the action's id, so the same action again finds its lot: a duplicate when it asks for
     * the same credit, rejected when the key was reused for another. A release or dismissal goes
     * through the payment decider against the payment's state, and a release's mint to the
     * community's lots. A charging mode is set for its scope (ADR 0018). Records: the action's
     * outcome and its violations, then the ledger's records.
     */
    public StepResult onAction(LedgerStores stores, OperatorAction action) {
        if (action.kind() == ActionKind.GRANT) {
            return grant(stores, action);
        }
        if (action.kind() == ActionKind.SET_CHARGING_MODE) {
            return setMode(stores, action);
        }
        Resolution resolution = decider.resolve(stores.payment(action.paymentId()), action);
        if (resolution.state() != null) {
            stores.putPayment(resolution.state());
        }
        List<LedgerRecord> records = new ArrayList<>(resolution.events());
        GuardResult guard = resolution.guard();
        for (LedgerCommand command : resolution.commands()) {
            LedgerResult result = apply(stores, command);
            records.addAll(result.events());
            guard = guard.plus(result.guard());
        }
        return new StepResult(records, guard);
    }

    private static StepResult grant(LedgerStores stores, OperatorAction action) {
        GrantLot grant = new GrantLot(action.actionId(), action.communityId(), action.amountMicro(),
                action.requestedAt(), action.expiresAt());
        LedgerResult result = apply(stores, grant);
        ActionOutcome outcome;
        // A grant that did not apply found its lot already there, unchanged, open or closed.
        Lot existing = result.disposition() == Disposition.APPLIED ? null
                : result.state().findLot(grant.lotId()).orElseGet(() -> stores.closedLot(grant.lotId()));
        if (result.disposition() == Disposition.APPLIED) {
            outcome = ActionOutcome.of(action, ActionResult.APPLIED, null, grant.communityId(), grant.lotId(),
                    grant.amountMicro());
        } else if (existing != null && existing.mintedMicro() == grant.amountMicro()
                && Objects.equals(existing.expiresAt(), grant.expiresAt())) {
            outcome = ActionOutcome.of(action, ActionResult.DUPLICATE, "this grant was applied before",
                    grant.communityId(), grant.lotId(), grant.amountMicro());
        } else {
            outcome = ActionOutcome.of(action, ActionResult.REJECTED,
                    "the idempotency key was used before for another grant to this community", grant.communityId(),
                    null, grant.amountMicro());
        }
        List<LedgerRecord> records = new ArrayList<>();
        records.add(outcome);
        records.addAll(result.events());
        return new StepResult(records, result.guard());
    }

    /**
     * Sets the modes of the action's scope, unless this action was applied there before (a resend,
     * which must not undo a later change): a duplicate then.
     */
    private static StepResult setMode(LedgerStores stores, OperatorAction action) {
        String scope = ModeSetting.scopeOf(action);
        ModeSetting current = stores.mode(scope);
        if (current == null) {
            current = ModeSetting.live(scope);
        }
        ActionOutcome outcome;
        if (current.applied(action.actionId())) {
            outcome = ActionOutcome.of(action, ActionResult.DUPLICATE, "this mode change was applied before",
                    action.communityId(), null, 0);
        } else {
            stores.putMode(current.set(action));
            outcome = ActionOutcome.of(action, ActionResult.APPLIED, null, action.communityId(), null, 0);
        }
        return new StepResult(List.of(outcome), GuardResult.NONE);
    }

    /** The modes {@code communityId} works under (null: the global setting alone). */
    private static ModeSetting modes(LedgerStores stores, String communityId) {
        return ModeSetting.effective(stores.mode(OperatorAction.GLOBAL),
                communityId == null ? null : stores.mode(communityId));
    }

    /** An operator's grant, or any other command, applied to its community's lots. */
    public StepResult onCommand(LedgerStores stores, LedgerCommand command) {
        LedgerResult result = apply(stores, command);
        return new StepResult(result.events(), result.guard());
    }

    /**
     * Expires, at {@code now}, what is due in one community (the caller knows which communities
     * have lots due, for example from an index of expiry times).
     */
    public StepResult expire(LedgerStores stores, String communityId, Instant now) {
        CommunityState state = stores.community(communityId);
        if (state == null) {
            return new StepResult(List.of(), GuardResult.NONE);
        }
        LedgerResult result = CommunityLedger.expire(state, now);
        if (!result.closed().isEmpty()) {
            keep(stores, result);
        }
        return new StepResult(result.events(), result.guard());
    }

    private static LedgerResult apply(LedgerStores stores, LedgerCommand command) {
        CommunityState state = stores.community(command.communityId());
        boolean open = state != null && state.findLot(command.lotId()).isPresent();
        LedgerResult result = CommunityLedger.apply(state, open ? null : stores.closedLot(command.lotId()), command);
        keep(stores, result);
        return result;
    }

    private static void keep(LedgerStores stores, LedgerResult result) {
        stores.putCommunity(result.state());
        result.closed().forEach(stores::putClosedLot);
        result.opened().forEach(stores::lotOpened);
    }
}
