package dev.ledgerstream.ledger.mode;

import dev.ledgerstream.schemas.ingest.ActionKind;
import dev.ledgerstream.schemas.ingest.ChargingMode;
import dev.ledgerstream.schemas.ingest.MintingMode;
import dev.ledgerstream.schemas.ingest.OperatorAction;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The charging and minting modes set for one scope (SPEC 5.5, ADR 0018): a community, or
 * {@link OperatorAction#GLOBAL} for every community. A scope no operator has set is {@link #live}.
 * A community's effective mode is the stricter of its own and the global one ({@link #effective}),
 * so that putting every community in shadow cannot be undone by one community's setting, and one
 * community can be put in shadow alone.
 *
 * @param appliedActionIds the latest actions applied to this scope (at most {@link #REMEMBERED}), so
 *                         that a resent action is a duplicate and does not undo a later one
 */
public record ModeSetting(String scope, ChargingMode charging, MintingMode minting, List<String> appliedActionIds) {

    /** How many applied action ids a scope remembers; modes change a handful of times. */
    public static final int REMEMBERED = 64;

    public ModeSetting {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(charging, "charging");
        Objects.requireNonNull(minting, "minting");
        appliedActionIds = List.copyOf(appliedActionIds);
    }

    /** The default: charging and minting live. */
    public static ModeSetting live(String scope) {
        return new ModeSetting(scope, ChargingMode.LIVE, MintingMode.LIVE, List.of());
    }

    /** The scope an action sets: its community, or {@link OperatorAction#GLOBAL}. */
    public static String scopeOf(OperatorAction action) {
        if (action.kind() != ActionKind.SET_CHARGING_MODE) {
            throw new IllegalArgumentException("not a charging mode: " + action.kind());
        }
        return action.subject();
    }

    /** True when {@code actionId} was applied to this scope already. */
    public boolean applied(String actionId) {
        return appliedActionIds.contains(actionId);
    }

    /** This scope after {@code action}, its id remembered. */
    public ModeSetting set(OperatorAction action) {
        if (!scopeOf(action).equals(scope)) {
            throw new IllegalArgumentException("mode for " + scopeOf(action) + " applied to " + scope);
        }
        return with(action.actionId(), action.charging(), action.minting());
    }

    /** This scope with the modes an action with id {@code actionId} set, its id remembered. */
    public ModeSetting with(String actionId, ChargingMode newCharging, MintingMode newMinting) {
        List<String> ids = new ArrayList<>(appliedActionIds);
        ids.add(actionId);
        if (ids.size() > REMEMBERED) {
            ids = ids.subList(ids.size() - REMEMBERED, ids.size());
        }
        return new ModeSetting(scope, newCharging, newMinting, ids);
    }

    /**
     * The modes a community works under: the stricter of the global setting and its own, each null
     * when never set (live).
     */
    public static ModeSetting effective(ModeSetting global, ModeSetting own) {
        ModeSetting all = global == null ? live(OperatorAction.GLOBAL) : global;
        if (own == null) {
            return all;
        }
        return new ModeSetting(own.scope(), all.charging().strictest(own.charging()),
                all.minting().strictest(own.minting()), List.of());
    }
}
