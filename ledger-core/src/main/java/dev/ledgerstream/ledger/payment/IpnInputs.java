package dev.ledgerstream.ledger.payment;

import dev.ledgerstream.schemas.PaymentStatus;
import dev.ledgerstream.schemas.ingest.IpnReceived;
import java.util.HashMap;
import java.util.Map;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the decision inputs from a verified IPN's canonical JSON. {@code price_amount} and
 * {@code actually_paid_at_fiat} are taken as the exact source text of their tokens (a JSON number in
 * ECMAScript form, or a string), so they reach the minting rule as exact decimals, never through a
 * double. Any {@code parent_payment_id} that is not null or blank makes the payment a repeat
 * deposit, whatever its form: a payment that might repeat another is held rather than minted.
 */
public final class IpnInputs {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private IpnInputs() {
    }

    public static IpnInput from(IpnReceived ipn) {
        Map<String, String> fields = topLevelScalars(ipn.canonical());
        String statusName = require(fields, "payment_status");
        PaymentStatus status = PaymentStatus.fromWireName(statusName)
                .orElseThrow(() -> new IllegalArgumentException("unknown payment_status " + statusName));
        return new IpnInput(ipn.paymentId(), ipn.eventId(), status, require(fields, "price_amount"),
                require(fields, "price_currency"), require(fields, "order_id"), ipn.receivedAt(),
                fields.get("actually_paid_at_fiat"), parentPaymentId(fields.get("parent_payment_id")));
    }

    private static String parentPaymentId(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** The top-level scalar fields with their exact text; nested values are skipped. */
    private static Map<String, String> topLevelScalars(String canonical) {
        Map<String, String> fields = new HashMap<>();
        try (JsonParser parser = JSON.createParser(canonical)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("canonical IPN is not a JSON object");
            }
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (value.isStructStart()) {
                    parser.skipChildren();
                } else if (value != JsonToken.VALUE_NULL) {
                    fields.put(name, parser.getString());
                }
            }
        }
        return fields;
    }

    private static String require(Map<String, String> fields, String name) {
        String value = fields.get(name);
        if (value == null) {
            throw new IllegalArgumentException("canonical IPN lacks " + name);
        }
        return value;
    }
}
