package dev.ledgerstream.ledger.identity;

import dev.ledgerstream.schemas.ledger.Invariant;
import dev.ledgerstream.schemas.ledger.TransitionOutcome;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Deterministic ids of every ledger record. Ids that embed a user-chosen string (a finalization
 * id) stay readable; ids derived from several parts are hashed so their length stays bounded.
 */
public final class LedgerIds {

    /** 128 bits of SHA-256: collision-free in practice and half the length of the full digest. */
    private static final int SHORT_HASH_HEX_DIGITS = 32;

    private LedgerIds() {
    }

    /** The lot a finished payment mints; one per payment (I-5), so the payment id is the cause. */
    public static String lotForPayment(String paymentId) {
        return "lot-" + shortHash("payment:" + paymentId);
    }

    /** The lot an operator's grant creates; the grant id is the cause. */
    public static String lotForGrant(String grantId) {
        return "lot-" + shortHash("grant:" + grantId);
    }

    /** A lot is minted once. */
    public static String mintEntry(String lotId) {
        return "mint:" + lotId;
    }

    /** A finalization debits each lot at most once, so the pair names the debit. */
    public static String debitEntry(String finalizationId, String lotId) {
        return "debit:" + finalizationId + ":" + lotId;
    }

    /**
     * The cause id of one usage operation, which the guard's violations about that usage are derived
     * from. It names the community as well as the finalization id because the same id used by two
     * communities is recorded in both (SPEC 5.3, I-6), and the two operations must not report their
     * findings under one violation id. A community id is a UUID, so the colon cannot be ambiguous.
     */
    public static String usageCause(String communityId, String finalizationId) {
        return "usage:" + communityId + ":" + finalizationId;
    }

    /** A lot expires at most once. */
    public static String expiryEntry(String lotId) {
        return "expire:" + lotId;
    }

    /** A lot is revoked at most once. */
    public static String revocationEntry(String lotId) {
        return "revoke:" + lotId;
    }

    /**
     * An outcome of a payment notification. The outcome is part of the id because a redelivered
     * event becomes a {@code duplicate} of its own first, accepted, delivery.
     */
    public static String paymentOutcome(String paymentId, String eventId, TransitionOutcome outcome) {
        return "payment:" + paymentId + ":" + eventId + ":" + outcome.wireName();
    }

    /**
     * A violation of {@code invariant} found by the operation named {@code causeId}, about
     * {@code subject} (a lot id, a finalization id, …). The same finding in a replay gets the same
     * id; distinct findings of one operation differ by subject.
     */
    public static String violation(Invariant invariant, String causeId, String subject) {
        return "violation:" + invariant.wireName() + ":" + shortHash(causeId + "\n" + subject);
    }

    /** Lowercase hex SHA-256 of the UTF-8 bytes of {@code text}. */
    public static String sha256Hex(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide SHA-256, so this cannot happen at run time.
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static String shortHash(String text) {
        return sha256Hex(text).substring(0, SHORT_HASH_HEX_DIGITS);
    }
}
