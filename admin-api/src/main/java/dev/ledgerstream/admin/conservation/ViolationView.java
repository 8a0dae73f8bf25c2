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
import tools.jackson.databind.node.ObjectNode;

/**
 * One recorded guard violation ({@code ledger.guard-violations.v1}).
 *
 * @param communityId null for a system-wide violation
 * @param details     the guard's evidence, as it recorded it
 * @param detectedAt  the business time of the operation that found it
 */
public record ViolationView(String violationId, String invariant, String communityId, JsonNode details,
        Instant detectedAt) {

    /** What stands in for another tenant's data in a community admin's view. */
    static final String ANOTHER_COMMUNITY = "another community";

    private static final String COMMUNITY_SUFFIX = "community_id";

    /**
     * This violation as {@code community}'s admin may see it: evidence that names another community
     * (a cross-community I-6 names the community whose version came first, and its content hash)
     * says only that it was another community. Every {@code <prefix>community_id} whose value is not
     * {@code community} is replaced, and its {@code <prefix>content_hash} with it. Platform admins
     * see the evidence as recorded.
     */
    public ViolationView withoutOtherTenants(String community) {
        if (!(details instanceof ObjectNode object)) {
            return this;
        }
        ObjectNode redacted = null;
        for (String name : object.propertyNames()) {
            JsonNode value = object.get(name);
            if (name.endsWith(COMMUNITY_SUFFIX) && value.isString() && !value.asString().equals(community)) {
                redacted = redacted == null ? object.deepCopy() : redacted;
                String prefix = name.substring(0, name.length() - COMMUNITY_SUFFIX.length());
                redacted.put(name, ANOTHER_COMMUNITY);
                if (redacted.has(prefix + "content_hash")) {
                    redacted.putNull(prefix + "content_hash");
                }
            }
        }
        return redacted == null ? this : new ViolationView(violationId, invariant, communityId, redacted, detectedAt);
    }

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
