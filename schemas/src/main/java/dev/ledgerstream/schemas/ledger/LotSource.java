package dev.ledgerstream.schemas.ledger;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where a credit lot came from: a finished payment, or a grant by an operator. */
public enum LotSource {
    PAYMENT,
    GRANT;

    /** The name as written on the topics, e.g. {@code payment}. */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The constant for a wire name; throws for anything else, which is a broken record. */
    @JsonCreator
    public static LotSource ofWireName(String wireName) {
        for (LotSource value : values()) {
            if (value.wireName().equals(wireName)) {
                return value;
            }
        }
        throw new IllegalArgumentException("unknown LotSource: " + wireName);
    }
}
