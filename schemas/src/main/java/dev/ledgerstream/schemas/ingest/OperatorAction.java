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
 * payment's notifications carry ({@link IpnReceived#topicKey}).
 *
 * @param actionId       {@link #actionIdOf} of kind, subject and idempotency key: the same key for the
 *                       same subject is the same action
 * @param idempotencyKey the operator's key, 1–128 characters without control characters
 * @param communityId    a grant's community; null for a release or a dismissal
 * @param paymentId      the payment a release or a dismissal resolves; null for a grant
 * @param amountMicro    a grant's credit (positive); null otherwise (a release mints the price's credits)
 * @param expiresAt      when a grant's lot expires; null for one that never does, and for the other kinds
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
        String actor,
        String reason,
        Instant requestedAt) {

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
        } else {
            new PaymentId(paymentId);
            if (communityId != null || amountMicro != null || expiresAt != null) {
                throw new IllegalArgumentException("a " + kind.wireName()
                        + " names only its payment: no community_id, amount_micro or expires_at");
            }
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
                paymentId, amountMicro, expiresAt, actor, reason, requestedAt);
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

    /** What the action is about: the community of a grant, the payment of a release or dismissal. */
    public String subject() {
        return subject(kind, communityId, paymentId);
    }

    private static String subject(ActionKind kind, String communityId, String paymentId) {
        return kind == ActionKind.GRANT ? communityId : paymentId;
    }

    private static void requireText(String field, String value, int maxLength) {
        if (value == null || value.isBlank() || value.length() > maxLength || ControlCharacters.in(value)) {
            throw new IllegalArgumentException(field + " must be 1-" + maxLength
                    + " characters without control characters");
        }
    }
}
