package dev.ledgerstream.ingest.payment;

import dev.ledgerstream.ingest.payment.IpnCheck.Accepted;
import dev.ledgerstream.ingest.payment.IpnCheck.Quarantined;
import dev.ledgerstream.ingest.payment.JsonValue.JsonNull;
import dev.ledgerstream.ingest.payment.JsonValue.JsonNumber;
import dev.ledgerstream.ingest.payment.JsonValue.JsonObject;
import dev.ledgerstream.ingest.payment.JsonValue.JsonString;
import dev.ledgerstream.schemas.CommunityId;
import dev.ledgerstream.schemas.ControlCharacters;
import dev.ledgerstream.schemas.PaymentId;
import dev.ledgerstream.schemas.PaymentStatus;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rules a verified IPN must follow to change ledger state (SPEC 3.1). A body that breaks
 * them is quarantined with a short machine-readable reason, never rejected: its signature
 * proves it came from the provider. Values are read as the canonical form writes them, because
 * the canonical form is the event that downstream readers see.
 */
public final class IpnRules {

    /** 2^53: beyond it a JSON integer may already have been rounded by the provider's JavaScript. */
    private static final double EXACT_INTEGER_LIMIT = 9_007_199_254_740_992.0;
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");
    private static final Pattern DECIMAL = Pattern.compile("[0-9]+(\\.[0-9]+)?");
    private static final Pattern NON_NEGATIVE_NUMBER = Pattern.compile("[0-9][0-9.e+-]*");
    private static final int MAX_ECHOED_CHARS = 64;

    private IpnRules() {
    }

    /** Accepts the notification or quarantines it with the first rule it breaks. */
    public static IpnCheck check(VerifiedIpn ipn) {
        if (!(ipn.body() instanceof JsonObject body)) {
            return new Quarantined(ipn, "not_an_object", Optional.empty());
        }
        Read<PaymentId> paymentId = paymentId(body, "payment_id");
        if (paymentId.failed()) {
            return new Quarantined(ipn, paymentId.reason(), Optional.empty());
        }
        Read<PaymentStatus> status = status(body);
        Read<String> priceAmount = priceAmount(body);
        Read<String> priceCurrency = storedString(body, "price_currency");
        Read<String> orderId = storedString(body, "order_id");
        for (Read<?> field : new Read<?>[] {status, priceAmount, priceCurrency, orderId}) {
            if (field.failed()) {
                return new Quarantined(ipn, field.reason(), Optional.of(paymentId.value()));
            }
        }
        return new Accepted(ipn, paymentId.value(), status.value(), priceAmount.value(),
                priceCurrency.value(), orderId.value(), CommunityId.namedByOrderId(orderId.value()));
    }

    /** A JSON integer (as its canonical text) or a digit string, without leading zeros. */
    private static Read<PaymentId> paymentId(JsonObject body, String name) {
        Optional<JsonValue> value = present(body, name);
        if (value.isEmpty()) {
            return Read.fail("missing_field: " + name);
        }
        String digits = null;
        if (value.get() instanceof JsonNumber number && isExactInteger(number)) {
            digits = EcmaNumberFormat.fromSource(number.text());
        } else if (value.get() instanceof JsonString string && DIGITS.matcher(string.value()).matches()) {
            digits = string.value().replaceFirst("^0+(?=.)", "");
        }
        try {
            return digits == null ? Read.fail("invalid_field: " + name) : Read.ok(new PaymentId(digits));
        } catch (IllegalArgumentException tooLong) {
            return Read.fail("invalid_field: " + name);
        }
    }

    private static boolean isExactInteger(JsonNumber number) {
        double d = Double.parseDouble(number.text());
        return d >= 0 && d < EXACT_INTEGER_LIMIT && d == Math.rint(d);
    }

    private static Read<PaymentStatus> status(JsonObject body) {
        Read<String> wireName = string(body, "payment_status");
        if (wireName.failed()) {
            return Read.fail(wireName.reason());
        }
        return PaymentStatus.fromWireName(wireName.value())
                .map(Read::ok)
                .orElseGet(() -> Read.fail("unknown_status: " + printable(wireName.value())));
    }

    /** A non-negative JSON number (as its canonical text) or a plain decimal string. */
    private static Read<String> priceAmount(JsonObject body) {
        Optional<JsonValue> value = present(body, "price_amount");
        if (value.isEmpty()) {
            return Read.fail("missing_field: price_amount");
        }
        if (value.get() instanceof JsonNumber number) {
            String canonical = EcmaNumberFormat.fromSource(number.text());
            if (NON_NEGATIVE_NUMBER.matcher(canonical).matches()) {
                return Read.ok(canonical);
            }
        } else if (value.get() instanceof JsonString string && DECIMAL.matcher(string.value()).matches()) {
            return Read.ok(string.value());
        }
        return Read.fail("invalid_field: price_amount");
    }

    private static Read<String> string(JsonObject body, String name) {
        Optional<JsonValue> value = present(body, name);
        if (value.isEmpty()) {
            return Read.fail("missing_field: " + name);
        }
        if (value.get() instanceof JsonString string && !string.value().isEmpty()) {
            return Read.ok(string.value());
        }
        return Read.fail("invalid_field: " + name);
    }

    /** A string the ledger stores as it is (the order, the currency): no control character (ControlCharacters). */
    private static Read<String> storedString(JsonObject body, String name) {
        Read<String> read = string(body, name);
        return read.failed() || !ControlCharacters.in(read.value()) ? read : Read.fail("invalid_field: " + name);
    }

    /** A member that is present and not null; the provider writes absent values as null. */
    private static Optional<JsonValue> present(JsonObject body, String name) {
        return body.get(name).filter(value -> !(value instanceof JsonNull));
    }

    /** The provider's value, made safe to put into a reason: printable ASCII, bounded length. */
    private static String printable(String value) {
        String bounded = value.length() > MAX_ECHOED_CHARS ? value.substring(0, MAX_ECHOED_CHARS) : value;
        return bounded.replaceAll("[^\\x20-\\x7e]", "?");
    }

    /** A field's value or the reason it is unusable: an expected outcome, not an exception. */
    private record Read<T>(T value, String reason) {
        static <T> Read<T> ok(T value) {
            return new Read<>(value, null);
        }

        static <T> Read<T> fail(String reason) {
            return new Read<>(null, reason);
        }

        boolean failed() {
            return reason != null;
        }
    }
}
