package dev.ledgerstream.schemas.ledger;

import static dev.ledgerstream.schemas.ledger.LedgerFields.optionalCommunityId;
import static dev.ledgerstream.schemas.ledger.LedgerFields.require;
import static dev.ledgerstream.schemas.ledger.LedgerFields.requireId;
import static dev.ledgerstream.schemas.ledger.LedgerFields.requireMicro;
import static dev.ledgerstream.schemas.ledger.LedgerFields.requireSha256;

import dev.ledgerstream.schemas.PaymentId;
import dev.ledgerstream.schemas.ingest.ActionKind;
import dev.ledgerstream.schemas.ingest.ChargingMode;
import dev.ledgerstream.schemas.ingest.MintingMode;
import dev.ledgerstream.schemas.ingest.OperatorAction;
import java.time.Instant;

/**
 * What one operator's action did (topic {@code ledger.operator-actions.v1}, SPEC 5.5): one record
 * per action read, whatever the result, with the action itself, so that the audit trail (who, why,
 * when) is in the ledger.
 *
 * @param outcomeId   deterministic id from the action id and the result
 * @param communityId the community credited (a grant's, a released payment's), whose payment was
 *                    dismissed or whose charging mode was set; null for a payment that names no
 *                    community and for the charging mode of every community
 * @param lotId       the lot a grant or release created; null otherwise
 * @param amountMicro the credit of that lot, or the amount a grant asked for when it did not apply;
 *                    0 for a dismissal
 * @param detail      why it was rejected or a duplicate; null when applied
 * @param charging    the charging mode a {@code set_charging_mode} set; null for the other kinds
 * @param minting     the minting mode a {@code set_charging_mode} set; null for the other kinds
 */
public record ActionOutcome(
        String outcomeId,
        String actionId,
        String idempotencyKey,
        ActionKind kind,
        ActionResult result,
        String detail,
        String communityId,
        String paymentId,
        String lotId,
        long amountMicro,
        Instant expiresAt,
        ChargingMode charging,
        MintingMode minting,
        String actor,
        String reason,
        Instant requestedAt) implements LedgerRecord {

    public ActionOutcome {
        requireId("outcome_id", outcomeId);
        requireSha256("action_id", actionId);
        requireId("idempotency_key", idempotencyKey);
        require("kind", kind);
        require("result", result);
        optionalCommunityId("community_id", communityId);
        if (paymentId != null) {
            new PaymentId(paymentId);
        }
        if (communityId == null && paymentId == null && kind != ActionKind.SET_CHARGING_MODE) {
            throw new IllegalArgumentException("an action outcome names its community or its payment");
        }
        if ((kind == ActionKind.SET_CHARGING_MODE) != (charging != null && minting != null)
                || (kind != ActionKind.SET_CHARGING_MODE && (charging != null || minting != null))) {
            throw new IllegalArgumentException("a set_charging_mode outcome, and only that, names both modes");
        }
        if (lotId != null) {
            requireId("lot_id", lotId);
        }
        requireMicro("amount_micro", amountMicro);
        if ((result == ActionResult.APPLIED) == (detail != null)) {
            throw new IllegalArgumentException("an applied action has no detail; any other result says why");
        }
        require("actor", actor);
        require("reason", reason);
        require("requested_at", requestedAt);
    }

    /** The outcome of {@code action} with {@code result}. */
    public static ActionOutcome of(OperatorAction action, ActionResult result, String detail, String communityId,
            String lotId, long amountMicro) {
        return new ActionOutcome("action:" + action.actionId() + ":" + result.wireName(), action.actionId(),
                action.idempotencyKey(), action.kind(), result, detail, communityId, action.paymentId(), lotId,
                amountMicro, action.expiresAt(), action.charging(), action.minting(), action.actor(), action.reason(),
                action.requestedAt());
    }

    /**
     * Keyed by its community, or by its payment when that names none; the charging mode of every
     * community by {@link OperatorAction#GLOBAL}.
     */
    @Override
    public String key() {
        return communityId != null ? communityId : paymentId != null ? paymentId : OperatorAction.GLOBAL;
    }
}
