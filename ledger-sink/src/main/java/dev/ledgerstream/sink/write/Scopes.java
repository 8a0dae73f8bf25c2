package dev.ledgerstream.sink.write;

import java.util.UUID;

/**
 * The tenant scope of a transaction as SQL: {@code SET LOCAL app.community_id}, with the community id
 * as a literal. Literals let the writer send a whole batch of statements in one round trip; they
 * are safe because only a canonical lowercase UUID (what every ledger record carries) is accepted.
 */
final class Scopes {

    /** The scope of the rows that belong to no community (see {@code app.current_community_id()}). */
    static final String NONE = "none";

    private Scopes() {
    }

    /** {@code SET LOCAL app.community_id = '…'} for a community, or for no community when null. */
    static String setLocal(String communityId) {
        return "SET LOCAL app.community_id = " + (communityId == null ? "'" + NONE + "'" : literal(communityId));
    }

    /** {@code '<uuid>'}; throws for anything but a canonical lowercase UUID. */
    static String literal(String communityId) {
        if (communityId == null || communityId.length() != 36
                || !UUID.fromString(communityId).toString().equals(communityId)) {
            throw new IllegalArgumentException("not a community id: " + communityId);
        }
        return "'" + communityId + "'";
    }
}
