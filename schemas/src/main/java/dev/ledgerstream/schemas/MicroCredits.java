package dev.ledgerstream.schemas;

/**
 * An amount of money in micro-credits (1 credit = 1,000,000 micro). Never negative; arithmetic
 * throws {@link ArithmeticException} on overflow instead of wrapping (I-9).
 */
public record MicroCredits(long value) implements Comparable<MicroCredits> {

    public static final MicroCredits ZERO = new MicroCredits(0);

    /** Micro-credits in one credit. */
    public static final long PER_CREDIT = 1_000_000L;

    public MicroCredits {
        if (value < 0) {
            throw new IllegalArgumentException("micro-credits must not be negative: " + value);
        }
    }

    public static MicroCredits of(long value) {
        return value == 0 ? ZERO : new MicroCredits(value);
    }

    public MicroCredits plus(MicroCredits other) {
        return of(Math.addExact(value, other.value));
    }

    /** Throws when the result would be negative: a debit beyond what is there is a caller bug. */
    public MicroCredits minus(MicroCredits other) {
        return of(Math.subtractExact(value, other.value));
    }

    public MicroCredits min(MicroCredits other) {
        return value <= other.value ? this : other;
    }

    public boolean isZero() {
        return value == 0;
    }

    public boolean isGreaterThan(MicroCredits other) {
        return value > other.value;
    }

    @Override
    public int compareTo(MicroCredits other) {
        return Long.compare(value, other.value);
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
