package dev.ledgerstream.schemas.ledger;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a payment's notification did about credit (SPEC 5.2); every value but {@code minted} and {@code partially_paid} is listed for the admin to resolve. */
public enum MintOutcome {
    /** One credit lot was minted. */
    MINTED,
    /** A usd price below 5: nothing minted. */
    BELOW_MINIMUM,
    /** A currency other than usd: nothing minted. */
    UNSUPPORTED_CURRENCY,
    /** A price that is not a non-negative decimal number: nothing minted. */
    INVALID_PRICE,
    /** Credits that do not fit a 64-bit micro amount (I-9): nothing minted. */
    AMOUNT_OUT_OF_RANGE,
    /** An order id that names no community: nothing minted. */
    UNKNOWN_COMMUNITY,
    /** {@code partially_paid} mints nothing; listed for reconciliation. */
    PARTIALLY_PAID;

    /** The name as written on the topics, e.g. {@code below_minimum}. */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The constant for a wire name; throws for anything else, which is a broken record. */
    @JsonCreator
    public static MintOutcome ofWireName(String wireName) {
        for (MintOutcome value : values()) {
            if (value.wireName().equals(wireName)) {
                return value;
            }
        }
        throw new IllegalArgumentException("unknown MintOutcome: " + wireName);
    }
}
