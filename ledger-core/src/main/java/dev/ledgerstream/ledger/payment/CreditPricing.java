package dev.ledgerstream.ledger.payment;

import dev.ledgerstream.schemas.ledger.MintOutcome;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Converts a provider price to micro-credits (SPEC 5.2). This is the only place in the codebase
 * that uses {@code BigDecimal}: prices arrive as decimal text and must be read exactly, never
 * through a {@code double}.
 */
public final class CreditPricing {

    /** The JSON number grammar: what a canonical IPN can carry (e.g. {@code 4.99}, {@code 1e+21}). */
    private static final Pattern JSON_NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

    /** Far longer than any real price; the bound keeps a hostile exponent or digit string cheap. */
    private static final int MAX_PRICE_TEXT_LENGTH = 64;

    private static final BigDecimal MINIMUM_USD = BigDecimal.valueOf(5);

    /** Above this, the credits would not fit a signed 64-bit micro amount (I-9). */
    private static final BigDecimal MAXIMUM_USD = BigDecimal.valueOf(Long.MAX_VALUE).movePointLeft(6);

    /** Packs with a bonus; a TreeMap compares by value, so {@code 10.00} finds the 10 pack. */
    private static final Map<BigDecimal, Long> PACKS_MICRO = new TreeMap<>(Map.of(
            BigDecimal.valueOf(5), 5_000_000L,
            BigDecimal.valueOf(10), 10_500_000L,
            BigDecimal.valueOf(25), 27_500_000L));

    private CreditPricing() {
    }

    /**
     * The credit for a price: a bonus pack for exactly 5, 10 or 25 usd; otherwise
     * floor(amount × 1,000,000) micro for any usd amount of at least 5; no credit below 5, for
     * another currency, for text that is not a number, or when the credit would overflow.
     */
    public static CreditQuote quote(String priceAmount, String priceCurrency) {
        if (!"usd".equals(priceCurrency.toLowerCase(Locale.ROOT))) {
            return CreditQuote.none(MintOutcome.UNSUPPORTED_CURRENCY);
        }
        BigDecimal amount = parse(priceAmount);
        if (amount == null || amount.signum() < 0) {
            return CreditQuote.none(MintOutcome.INVALID_PRICE);
        }
        if (amount.compareTo(MINIMUM_USD) < 0) {
            return CreditQuote.none(MintOutcome.BELOW_MINIMUM);
        }
        Long pack = PACKS_MICRO.get(amount);
        if (pack != null) {
            return new CreditQuote(MintOutcome.MINTED, pack);
        }
        if (amount.compareTo(MAXIMUM_USD) > 0) {
            return CreditQuote.none(MintOutcome.AMOUNT_OUT_OF_RANGE);
        }
        long credits = amount.movePointRight(6).setScale(0, RoundingMode.FLOOR).longValueExact();
        return new CreditQuote(MintOutcome.MINTED, credits);
    }

    /**
     * Whether the paid value covers the price (SPEC 5.2, ADR 0014): {@code actually_paid_at_fiat} at
     * least {@code price_amount}, compared as exact decimals. A notification without a paid value
     * (null) is covered by the provider's own {@code finished}; a paid value that is not a
     * non-negative number covers nothing, so the payment is held rather than minted on a guess.
     * {@code priceAmount} is a price that {@link #quote} priced.
     */
    public static boolean covers(String paidAtFiat, String priceAmount) {
        if (paidAtFiat == null) {
            return true;
        }
        BigDecimal paid = parse(paidAtFiat);
        BigDecimal price = parse(priceAmount);
        if (price == null) {
            throw new IllegalArgumentException("not a priced amount: " + priceAmount);
        }
        return paid != null && paid.compareTo(price) >= 0;
    }

    private static BigDecimal parse(String text) {
        if (text.length() > MAX_PRICE_TEXT_LENGTH || !JSON_NUMBER.matcher(text).matches()) {
            return null;
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException exponentOutOfRange) {
            return null;
        }
    }
}
