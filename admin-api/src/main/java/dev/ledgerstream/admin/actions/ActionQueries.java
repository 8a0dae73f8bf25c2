package dev.ledgerstream.admin.actions;

import dev.ledgerstream.admin.tenant.SqlValues;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The platform reads the actions endpoints need (the {@code platform.*} functions of V8 and V11). */
final class ActionQueries {

    /**
     * A payment as an action about it sees it.
     *
     * @param resolution {@code release} or {@code dismiss} once resolved, else null
     * @param resolvedBy the id of the action that resolved it, else null
     */
    record PaymentForAction(String paymentId, String communityId, String orderId, String status, String mintOutcome,
            String resolution, String resolvedBy) {
    }

    private ActionQueries() {
    }

    /** The payment, or null when the ledger has not recorded it. */
    static PaymentForAction payment(Connection connection, String paymentId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT payment_id, community_id::text AS community_id, order_id, status, mint_outcome, resolution,
                       resolved_by
                FROM platform.payment_for_action(?)""")) {
            statement.setString(1, paymentId);
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    return null;
                }
                return new PaymentForAction(rows.getString("payment_id"), rows.getString("community_id"),
                        rows.getString("order_id"), rows.getString("status"), rows.getString("mint_outcome"),
                        rows.getString("resolution"), rows.getString("resolved_by"));
            }
        }
    }

    /** Up to {@code limit} actions' outcomes, newest first. */
    static List<ActionView> recent(Connection connection, int limit) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT action_id, kind, result, detail, community_id::text AS community_id, payment_id, lot_id,
                       amount_micro, expires_at, charging, minting, actor, reason, idempotency_key, requested_at
                FROM platform.recent_operator_actions(?)""")) {
            statement.setInt(1, limit);
            List<ActionView> actions = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    actions.add(new ActionView(rows.getString("action_id"), rows.getString("kind"),
                            rows.getString("result"), rows.getString("detail"), rows.getString("community_id"),
                            rows.getString("payment_id"), rows.getString("lot_id"),
                            SqlValues.micro(rows, "amount_micro"), SqlValues.instant(rows, "expires_at"),
                            rows.getString("charging"), rows.getString("minting"), rows.getString("actor"), rows.getString("reason"), rows.getString("idempotency_key"),
                            SqlValues.instant(rows, "requested_at")));
                }
            }
            return actions;
        }
    }

    /** The modes in force: the latest applied change of each scope, the global one (no community) first. */
    static List<ModeView> modes(Connection connection, int limit) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT community_id::text AS community_id, charging, minting, actor, reason, action_id, requested_at
                FROM platform.charging_modes(?)""")) {
            statement.setInt(1, limit);
            List<ModeView> modes = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    modes.add(new ModeView(rows.getString("community_id"), rows.getString("charging"),
                            rows.getString("minting"), rows.getString("actor"), rows.getString("reason"),
                            rows.getString("action_id"), SqlValues.instant(rows, "requested_at")));
                }
            }
            return modes;
        }
    }
}
