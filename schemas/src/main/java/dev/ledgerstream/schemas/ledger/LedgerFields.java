package dev.ledgerstream.schemas.ledger;

import dev.ledgerstream.schemas.CommunityId;
import dev.ledgerstream.schemas.PaymentId;
import dev.ledgerstream.schemas.Sha256Hex;
import java.util.Objects;

/** Field rules shared by the ledger records, so each rule is written once. */
final class LedgerFields {

    /** Ledger ids are derived from their cause; this bounds them without constraining the scheme. */
    private static final int MAX_ID_LENGTH = 512;

    private LedgerFields() {
    }

    static String requireId(String field, String value) {
        if (value == null || value.isBlank() || value.length() > MAX_ID_LENGTH) {
            throw new IllegalArgumentException(field + " must be 1-" + MAX_ID_LENGTH + " characters: " + value);
        }
        return value;
    }

    static String requireCommunityId(String field, String value) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is missing");
        }
        return new CommunityId(value).value();
    }

    static String optionalCommunityId(String field, String value) {
        return value == null ? null : requireCommunityId(field, value);
    }

    static String requirePaymentId(String value) {
        return new PaymentId(value).value();
    }

    static String requireSha256(String field, String value) {
        if (!Sha256Hex.isValid(value)) {
            throw new IllegalArgumentException(field + " must be lowercase hex SHA-256: " + value);
        }
        return value;
    }

    static long requireMicro(String field, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(field + " must not be negative: " + value);
        }
        return value;
    }

    static <T> T require(String field, T value) {
        return Objects.requireNonNull(value, field);
    }
}
