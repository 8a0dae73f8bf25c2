package dev.ledgerstream.schemas.ingest;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Whether usage is charged (SPEC 5.5): {@code live} debits lots; {@code shadow} records each usage
 * event with what it would have debited and debits nothing (its amount is waived).
 */
public enum ChargingMode {
    LIVE,
    SHADOW;

    /** The stricter of two modes: shadow wins, so a community can be put in shadow alone or with every other. */
    public ChargingMode strictest(ChargingMode other) {
        return this == SHADOW || other == SHADOW ? SHADOW : LIVE;
    }

    /** The name as written on the topics, e.g. {@code shadow}. */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The constant for a wire name; throws for anything else. */
    @JsonCreator
    public static ChargingMode ofWireName(String wireName) {
        for (ChargingMode value : values()) {
            if (value.wireName().equals(wireName)) {
                return value;
            }
        }
        throw new IllegalArgumentException("unknown charging mode: " + wireName + " (live or shadow)");
    }
}
