package dev.ledgerstream.schemas.ledger;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The conservation guard's verdict on one ledger operation: {@code fail} when any check failed. */
public enum GuardOutcome {
    PASS,
    FAIL;

    /** The name as written on the topics, e.g. {@code pass}. */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The constant for a wire name; throws for anything else, which is a broken record. */
    @JsonCreator
    public static GuardOutcome ofWireName(String wireName) {
        for (GuardOutcome value : values()) {
            if (value.wireName().equals(wireName)) {
                return value;
            }
        }
        throw new IllegalArgumentException("unknown GuardOutcome: " + wireName);
    }
}
