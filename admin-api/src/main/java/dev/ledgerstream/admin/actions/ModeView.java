package dev.ledgerstream.admin.actions;

import java.time.Instant;
import java.util.List;

/**
 * The modes set for one scope (SPEC 5.5), as {@code GET /api/v1/admin/charging-mode} shows them: the
 * latest applied {@code set_charging_mode} of the scope.
 *
 * @param communityId the community, or null for every community
 * @param charging    {@code live} or {@code shadow}
 * @param minting     {@code live} or {@code paused}
 * @param actor       who set it; null for the default (never set)
 */
record ModeView(String communityId, String charging, String minting, String actor, String reason, String actionId,
        Instant requestedAt) {

    /** The global setting before any operator set one. */
    static final ModeView DEFAULT = new ModeView(null, "live", "live", null, null, null, null);

    /** The global setting among {@code modes} (the row with no community), or {@link #DEFAULT}. */
    static ModeView global(List<ModeView> modes) {
        return modes.stream().filter(mode -> mode.communityId() == null).findFirst().orElse(DEFAULT);
    }

    /** The communities' own settings that are stricter than live, of {@code modes}. */
    static List<ModeView> communitiesNotLive(List<ModeView> modes) {
        return modes.stream().filter(mode -> mode.communityId() != null)
                .filter(mode -> !"live".equals(mode.charging()) || !"live".equals(mode.minting())).toList();
    }
}
