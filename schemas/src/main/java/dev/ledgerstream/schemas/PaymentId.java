package dev.ledgerstream.schemas;

import java.util.regex.Pattern;

/**
 * A provider payment id as a string of decimal digits without leading zeros. The provider sends
 * it as a JSON integer or a digit string; both normalize to the same value.
 */
public record PaymentId(String value) implements Comparable<PaymentId> {

    private static final Pattern DIGITS = Pattern.compile("0|[1-9][0-9]{0,39}");

    public PaymentId {
        if (value == null || !DIGITS.matcher(value).matches()) {
            throw new IllegalArgumentException("payment id must be decimal digits: " + value);
        }
    }

    @Override
    public int compareTo(PaymentId other) {
        int byLength = Integer.compare(value.length(), other.value.length());
        return byLength != 0 ? byLength : value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
