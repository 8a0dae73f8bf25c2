package dev.ledgerstream.admin.auth;

import dev.ledgerstream.servicekit.web.ApiProblem;
import java.util.Objects;
import java.util.UUID;

/**
 * Who is asking, from a verified token: a platform {@code admin}, or a {@code community_admin} of
 * exactly one community. Controllers receive it as a parameter and call one of the two checks
 * before reading anything.
 *
 * @param communityId the community a community admin may read; null for a platform admin
 * @param subject     the token's {@code sub}, for logs; may be null
 */
public record AdminPrincipal(AdminRole role, UUID communityId, String subject) {

    public AdminPrincipal {
        Objects.requireNonNull(role, "role");
        if ((role == AdminRole.COMMUNITY_ADMIN) != (communityId != null)) {
            throw new IllegalArgumentException("a community admin, and only one, has a community");
        }
    }

    /** 403 unless this principal may read {@code community}. */
    public void requireCommunity(UUID community) {
        if (platformAdmin() || communityId.equals(community)) {
            return;
        }
        throw ApiProblem.forbidden("community-not-allowed", "this token may only read community " + communityId);
    }

    /** True for a platform {@code admin}, who may see every community's data. */
    public boolean platformAdmin() {
        return role == AdminRole.ADMIN;
    }

    /** 403 unless this principal is a platform admin (the platform-wide endpoints). */
    public void requirePlatformAdmin() {
        if (!platformAdmin()) {
            throw ApiProblem.forbidden("admin-role-required", "this endpoint needs a token with role admin");
        }
    }
}
