package dev.ledgerstream.schemas.ingest;

import dev.ledgerstream.schemas.CommunityId;
import dev.ledgerstream.schemas.ControlCharacters;
import dev.ledgerstream.schemas.PaymentId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;

/**
 * An operator's action (topic {@code operator.actions.v1}, SPEC 5.5): a raw input like a
 * notification, read by the community task and by every replay. Keyed like what it touches, so that
 * it meets that state in one task: a grant by its community, a release or dismissal by the key its
 * payment's notifications carry ({@link IpnReceived#topicKey}), a community's charging mode by its
 * community. The charging mode of every community ({@link #GLOBAL}) is written once to each
 * partition, so that every task meets it in its own order (ADR 0018).
 *
 * @param actionId       {@link #actionIdOf} of kind, subject and idempotency key: the same key for the
 *                       same subject is the same action
 * @param idempotencyKey the operator's key, 1–128 characters without control characters
 * @param communityId    a grant's community, or the community whose charging mode is set; null for a
 *                       release, a dismissal and the charging mode of every community
 * @param paymentId      the payment a release or a dismissal resolves; null for the other kinds
 * @param amountMicro    a grant's credit (positive); null otherwise (a release mints the price's credits)
 * @param expiresAt      when a grant's lot expires; null for one that never does, and for the other kinds
 * @param charging       the charging mode a {@code set_charging_mode} sets; null for the other kinds
 * @param minting        the minting mode a {@code set_charging_mode} sets; null for the other kinds
 * @param actor          who asked: the admin token's {@code sub}
 * @param reason         why, in the operator's words (1–1000 characters)
 * @param requestedAt    when the admin API accepted it
 */
public record OperatorAction(
        String actionId,
        String idempotencyKey,
        ActionKind kind,
        String communityId,
        String paymentId,
        Long amountMicro,
        Instant expiresAt,
        ChargingMode charging,
        MintingMode minting,
        String actor,
        String reason,
        Instant requestedAt) {

    /** The subject of a charging mode set for every community. */
    public static final String GLOBAL = "*";
    public static final int MAX_KEY_LENGTH = 128;
    public static final int MAX_ACTOR_LENGTH = 256;
    public static final int MAX_REASON_LENGTH = 1000;

    public OperatorAction {
        Objects.requireNonNull(kind, "kind");
        requireText("idempotency_key", idempotencyKey, MAX_KEY_LENGTH);
        requireText("actor", actor, MAX_ACTOR_LENGTH);
        requireText("reason", reason, MAX_REASON_LENGTH);
        Objects.requireNonNull(requestedAt, "requested_at");
        if (kind == ActionKind.GRANT) {
            new CommunityId(communityId);
            if (paymentId != null) {
                throw new IllegalArgumentException("a grant names a community, not a payment");
            }
            if (amountMicro == null || amountMicro <= 0) {
                throw new IllegalArgumentException("a grant's amount_micro must be positive: " + amountMicro);
            }
            if (expiresAt != null && !expiresAt.isAfter(requestedAt)) {
                throw new IllegalArgumentException("a grant's expires_at must be after the request");
            }
        } else if (kind == ActionKind.SET_CHARGING_MODE) {
            if (communityId != null) {
                new CommunityId(communityId);
            }
            if (charging == null || minting == null) {
                throw new IllegalArgumentException("a set_charging_mode names both its charging and its minting mode");
            }
            if (paymentId != null || amountMicro != null || expiresAt != null) {
                throw new IllegalArgumentException(
                        "a set_charging_mode names only its community (none for every community) and its modes");
            }
        } else {
            new PaymentId(paymentId);
            if (communityId != null || amountMicro != null || expiresAt != null) {
                throw new IllegalArgumentException("a " + kind.wireName()
                        + " names only its payment: no community_id, amount_micro or expires_at");
            }
        }
        if (kind != ActionKind.SET_CHARGING_MODE && (charging != null || minting != null)) {
            throw new IllegalArgumentException("only a set_charging_mode names charging and minting modes");
        }
        if (!actionIdOf(kind, subject(kind, communityId, paymentId), idempotencyKey).equals(actionId)) {
            throw new IllegalArgumentException("action_id must be derived from kind, subject and idempotency key");
        }
    }

    /** A new action, its id derived from kind, subject and key. */
    public static OperatorAction of(String idempotencyKey, ActionKind kind, String communityId, String paymentId,
            Long amountMicro, Instant expiresAt, String actor, String reason, Instant requestedAt) {
        String subject = subject(kind, communityId, paymentId);
        return new OperatorAction(actionIdOf(kind, subject, idempotencyKey), idempotencyKey, kind, communityId,
                paymentId, amountMicro, expiresAt, null, null, actor, reason, requestedAt);
    }

    /** A new {@code set_charging_mode} for {@code communityId}, or for every community when it is null. */
    public static OperatorAction chargingMode(String idempotencyKey, String communityId, ChargingMode charging,
            MintingMode minting, String actor, String reason, Instant requestedAt) {
        ActionKind kind = ActionKind.SET_CHARGING_MODE;
        return new OperatorAction(actionIdOf(kind, subject(kind, communityId, null), idempotencyKey), idempotencyKey,
                kind, communityId, null, null, null, charging, minting, actor, reason, requestedAt);
    }

    /** True for a charging mode set for every community, which every partition carries a copy of. */
    public boolean global() {
        return kind == ActionKind.SET_CHARGING_MODE && communityId == null;
    }

    /** The id of an action: lowercase hex SHA-256 over kind, subject (community or payment id) and key. */
    public static String actionIdOf(ActionKind kind, String subject, String idempotencyKey) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] hash = digest.digest(("operator-action\n" + kind.wireName() + "\n" + subject + "\n" + idempotencyKey)
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /**
     * What the action is about: the community of a grant or of a charging mode ({@link #GLOBAL} for
     * every community), the payment of a release or dismissal.
     */
    public String subject() {
        return subject(kind, communityId, paymentId);
    }

    private static String subject(ActionKind kind, String communityId, String paymentId) {
        return switch (kind) {
            case GRANT -> communityId;
            case SET_CHARGING_MODE -> communityId == null ? GLOBAL : communityId;
            case RELEASE, DISMISS -> paymentId;
        };
    }

    private static void requireText(String field, String value, int maxLength) {
        if (value == null || value.isBlank() || value.length() > maxLength || ControlCharacters.in(value)) {
            throw new IllegalArgumentException(field + " must be 1-" + maxLength
                    + " characters without control characters");
        }
    }
}
