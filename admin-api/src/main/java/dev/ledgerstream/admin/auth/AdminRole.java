package dev.ledgerstream.admin.auth;

import java.util.Optional;

/** The {@code role} claim of an admin token (SPEC 7). */
public enum AdminRole {
    /** Platform operator: every community, and the platform-wide endpoints. */
    ADMIN("admin"),
    /** One community's admin: only the community named by the token's {@code community_id} claim. */
    COMMUNITY_ADMIN("community_admin");

    private final String claim;

    AdminRole(String claim) {
        this.claim = claim;
    }

    public String claim() {
        return claim;
    }

    /** The role a claim value names; empty for anything else (compared exactly, no case folding). */
    static Optional<AdminRole> ofClaim(String value) {
        for (AdminRole role : values()) {
            if (role.claim.equals(value)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
