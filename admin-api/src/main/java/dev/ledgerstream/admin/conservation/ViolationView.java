package dev.ledgerstream.admin.conservation;

import dev.ledgerstream.admin.tenant.SqlValues;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One recorded guard violation ({@code ledger.guard-violations.v1}).
 *
 * @param communityId null for a system-wide violation
 * @param details     the guard's evidence, as it recorded it
 * @param detectedAt  the business time of the operation that found it
 */
public record ViolationView(String violationId, String invariant, String communityId, JsonNode details,
        Instant detectedAt) {

    /**
     * Runs {@code statement}, whose rows have the columns {@code violation_id, invariant,
     * community_id, details (text), detected_at}, and returns its rows as views.
     */
    public static List<ViolationView> read(PreparedStatement statement) throws SQLException {
        List<ViolationView> violations = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                violations.add(new ViolationView(rows.getString("violation_id"), rows.getString("invariant"),
                        rows.getString("community_id"), JsonMapper.shared().readTree(rows.getString("details")),
                        SqlValues.instant(rows, "detected_at")));
            }
        }
        return violations;
    }
}
