package dev.ledgerstream.schemas.ledger;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What became of one payment notification (SPEC 5.1). */
public enum TransitionOutcome {
    /** The status moved forward. */
    ACCEPTED,
    /** A lower-ranked or terminal-violating status: recorded, changes nothing. */
    STALE,
    /** The same status again, or the identical notification again: recorded, changes nothing. */
    DUPLICATE;

    /** The name as written on the topics, e.g. {@code accepted}. */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The constant for a wire name; throws for anything else, which is a broken record. */
    @JsonCreator
    public static TransitionOutcome ofWireName(String wireName) {
        for (TransitionOutcome value : values()) {
            if (value.wireName().equals(wireName)) {
                return value;
            }
        }
        throw new IllegalArgumentException("unknown TransitionOutcome: " + wireName);
    }
}
