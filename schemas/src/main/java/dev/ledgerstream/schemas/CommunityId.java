package dev.ledgerstream.schemas;

import java.util.Locale;
import java.util.Optional;

/** A community (tenant) id: a UUID in canonical lowercase 8-4-4-4-12 form. */
public record CommunityId(String value) implements Comparable<CommunityId> {


    public CommunityId {
        if (!isCanonical(value)) {
            throw new IllegalArgumentException("community id must be a lowercase UUID: " + value);
        }
    }

    /** Accepts any case; normalizes to lowercase. */
    public static CommunityId parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("community id is missing");
        }
        return new CommunityId(text.toLowerCase(Locale.ROOT));
    }

    /** True when {@code text} is a UUID in 8-4-4-4-12 form, in any case. */
    public static boolean isValid(String text) {
        return text != null && isCanonical(text.toLowerCase(Locale.ROOT));
    }

    /**
     * Lowercase 8-4-4-4-12, checked by hand rather than with a regular expression: a community id is
     * built on every event of the ledger's hot path.
     */
    private static boolean isCanonical(String text) {
        if (text == null || text.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = text.charAt(i);
            boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
            if (dash ? c != '-' : !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The community an IPN's {@code order_id} names (SPEC 3.1): a UUID, optionally followed by
     * {@code :} and anything; empty when it names none. The one rule for it: the ingest API keys
     * {@code payments.ipn.v1} by it and the payment decider credits it, so the two cannot disagree
     * about which community task a payment belongs to.
     */
    public static Optional<CommunityId> namedByOrderId(String orderId) {
        if (orderId == null) {
            return Optional.empty();
        }
        int colon = orderId.indexOf(':');
        String candidate = colon < 0 ? orderId : orderId.substring(0, colon);
        return isValid(candidate) ? Optional.of(parse(candidate)) : Optional.empty();
    }

    @Override
    public int compareTo(CommunityId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
