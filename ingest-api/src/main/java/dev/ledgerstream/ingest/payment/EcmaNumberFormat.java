package dev.ledgerstream.ingest.payment;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Writes a number the way JavaScript's {@code JSON.stringify} does: the source text is read as
 * the nearest double (as {@code JSON.parse} does), then written with ECMAScript's
 * {@code Number::toString}, which uses the shortest digit string that reads back as the same
 * double, the closest one if several qualify. Java 17's {@code Double.toString} is not that (it
 * writes {@code 4.5E-6} and, for values such as {@code 5.9588384360807875E18}, more digits than
 * needed), so the digits are searched here.
 */
final class EcmaNumberFormat {

    /** Seventeen significant digits always identify a double. */
    private static final int MAX_DIGITS = 17;
    /**
     * Decimals of at most this many digits map to distinct normal doubles (C's DBL_DIG), so such
     * a source text already holds the shortest digits of its double.
     */
    private static final int UNIQUE_DIGITS = 15;
    /** Digits kept from a double's exact value before rounding; see {@link #withStickyDigit}. */
    private static final int WORKING_DIGITS = 20;
    /** Longer source texts skip the shortcut, so parsing them as a decimal costs nothing. */
    private static final int SHORTCUT_MAX_CHARS = 40;

    private EcmaNumberFormat() {
    }

    /** The ECMAScript form of a JSON number's source text; the text must denote a finite double. */
    static String fromSource(String numberText) {
        double d = Double.parseDouble(numberText);
        if (d != 0 && Math.abs(d) >= Double.MIN_NORMAL && numberText.length() <= SHORTCUT_MAX_CHARS) {
            BigDecimal source = new BigDecimal(numberText).abs().stripTrailingZeros();
            if (source.precision() <= UNIQUE_DIGITS) {
                return (d < 0 ? "-" : "") + layout(source);
            }
        }
        return format(d);
    }

    /** ECMAScript {@code Number::toString(d)} for a finite double. */
    static String format(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new IllegalArgumentException("only finite numbers have a JSON form");
        }
        if (d == 0) {
            return "0"; // also for -0, as in JavaScript
        }
        return (d < 0 ? "-" : "") + layout(shortestRoundTrip(Math.abs(d)).stripTrailingZeros());
    }

    /**
     * The decimal with the fewest significant digits that reads back as {@code d}, and among
     * those the closest to {@code d}. Whether some p-digit decimal reads back is monotone in p
     * (a p-digit decimal is also a (p+1)-digit one), so the smallest p is found by bisection.
     */
    static BigDecimal shortestRoundTrip(double d) {
        BigDecimal value = withStickyDigit(new BigDecimal(d));
        int low = 1;
        int high = MAX_DIGITS;
        BigDecimal best = roundTripWithDigits(value, d, MAX_DIGITS);
        while (low < high) {
            int mid = (low + high) >>> 1;
            BigDecimal candidate = roundTripWithDigits(value, d, mid);
            if (candidate != null) {
                best = candidate;
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return best;
    }

    /**
     * The exact value cut to {@value #WORKING_DIGITS} digits plus one non-zero digit when
     * anything was cut. Rounding this to at most 17 digits gives the same result as rounding
     * the exact value (which has hundreds of digits for tiny numbers), at a fraction of the cost.
     */
    private static BigDecimal withStickyDigit(BigDecimal exact) {
        if (exact.precision() <= WORKING_DIGITS) {
            return exact;
        }
        BigDecimal cut = exact.round(new MathContext(WORKING_DIGITS, RoundingMode.DOWN));
        if (cut.compareTo(exact) == 0) {
            return cut;
        }
        return cut.add(BigDecimal.ONE.scaleByPowerOfTen(adjustedExponent(cut) - WORKING_DIGITS));
    }

    /**
     * The p-digit decimal nearest to {@code value} if it reads back as {@code d}, else the
     * neighbour that does, else null. The nearest one can miss when {@code d} is a power of
     * two, whose rounding interval is narrower below than above; then only the neighbour on
     * the other side of {@code d} can qualify, and checking both spares the sign reasoning.
     */
    private static BigDecimal roundTripWithDigits(BigDecimal value, double d, int p) {
        BigDecimal nearest = value.round(new MathContext(p, RoundingMode.HALF_EVEN));
        if (readsBackAs(nearest, d)) {
            return nearest;
        }
        BigDecimal unit = BigDecimal.ONE.scaleByPowerOfTen(adjustedExponent(nearest) - p + 1);
        BigDecimal above = nearest.add(unit);
        if (readsBackAs(above, d)) {
            return above;
        }
        BigDecimal below = nearest.subtract(unit);
        return below.signum() > 0 && readsBackAs(below, d) ? below : null;
    }

    private static int adjustedExponent(BigDecimal decimal) {
        return decimal.precision() - decimal.scale() - 1;
    }

    private static boolean readsBackAs(BigDecimal decimal, double d) {
        return Double.parseDouble(decimal.toString()) == d;
    }

    /**
     * ECMAScript Number::toString steps 6 to 10 for a positive decimal without trailing zeros:
     * its k digits s and exponent n (the value is 0.s times 10 to the n).
     */
    private static String layout(BigDecimal decimal) {
        String s = decimal.unscaledValue().toString();
        int k = s.length();
        int n = decimal.precision() - decimal.scale();
        if (k <= n && n <= 21) {
            return s + "0".repeat(n - k);
        }
        if (0 < n && n <= 21) {
            return s.substring(0, n) + "." + s.substring(n);
        }
        if (-6 < n && n <= 0) {
            return "0." + "0".repeat(-n) + s;
        }
        int exponent = n - 1;
        String mantissa = k == 1 ? s : s.charAt(0) + "." + s.substring(1);
        return mantissa + "e" + (exponent >= 0 ? "+" : "-") + Math.abs(exponent);
    }
}
