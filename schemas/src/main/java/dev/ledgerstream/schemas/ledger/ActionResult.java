package dev.ledgerstream.schemas.ledger;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What the ledger did with an operator's action (SPEC 5.5). */
public enum ActionResult {
    /** It changed the ledger: a lot granted or minted, or a payment dismissed. */
    APPLIED,
    /** The same action (same id, same content) again: nothing changed. */
    DUPLICATE,
    /** It could not apply (the payment holds nothing to release, was resolved already, …): nothing changed. */
    REJECTED;

    /** The name as written on the topics, e.g. {@code applied}. */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The constant for a wire name; throws for anything else, which is a broken record. */
    @JsonCreator
    public static ActionResult ofWireName(String wireName) {
        for (ActionResult value : values()) {
            if (value.wireName().equals(wireName)) {
                return value;
            }
        }
        throw new IllegalArgumentException("unknown ActionResult: " + wireName);
    }
}
