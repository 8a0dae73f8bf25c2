package dev.ledgerstream.schemas.ledger;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What a payment's notification did about credit (SPEC 5.2); every value but {@code minted} and
 * {@code partially_paid} left a payment uncredited and is listed for the admin to resolve
 * ({@link #awaitsResolution}).
 */
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
    PARTIALLY_PAID,
    /** A repeat deposit ({@code parent_payment_id} set): never minted by itself, held for an operator. */
    HELD_REPEAT_DEPOSIT,
    /** Finished, but the paid value ({@code actually_paid_at_fiat}) is below the price: held for an operator. */
    HELD_UNDERPAID,
    /** Finished and paid in full while minting was paused (SPEC 5.5): held for an operator to release. */
    HELD_PAUSED;

    /** True when the payment was left uncredited and waits for an admin's resolution (SPEC 5.2, 5.5). */
    public boolean awaitsResolution() {
        return this != MINTED && this != PARTIALLY_PAID;
    }

    /** The wire names of every outcome that {@link #awaitsResolution awaits resolution}, in declaration order. */
    public static List<String> awaitingResolution() {
        return Arrays.stream(values()).filter(MintOutcome::awaitsResolution).map(MintOutcome::wireName).toList();
    }

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
