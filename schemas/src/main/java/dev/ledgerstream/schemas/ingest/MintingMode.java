package dev.ledgerstream.schemas.ingest;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Whether finished payments mint (SPEC 5.5): {@code live} mints; {@code paused} records a payment
 * that would have minted as held ({@code held_paused}) for an operator to release.
 */
public enum MintingMode {
    LIVE,
    PAUSED;

    /** The stricter of two modes: paused wins. */
    public MintingMode strictest(MintingMode other) {
        return this == PAUSED || other == PAUSED ? PAUSED : LIVE;
    }

    /** The name as written on the topics, e.g. {@code paused}. */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The constant for a wire name; throws for anything else. */
    @JsonCreator
    public static MintingMode ofWireName(String wireName) {
        for (MintingMode value : values()) {
            if (value.wireName().equals(wireName)) {
                return value;
            }
        }
        throw new IllegalArgumentException("unknown minting mode: " + wireName + " (live or paused)");
    }
}
