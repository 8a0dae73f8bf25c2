package dev.ledgerstream.schemas.ledger;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The kind of a ledger entry; every entry changes exactly one lot. */
public enum EntryType {
    LOT_MINTED,
    LOT_DEBITED,
    LOT_EXPIRED,
    LOT_REVOKED;

    /** The name as written on the topics, e.g. {@code lot_minted}. */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The constant for a wire name; throws for anything else, which is a broken record. */
    @JsonCreator
    public static EntryType ofWireName(String wireName) {
        for (EntryType value : values()) {
            if (value.wireName().equals(wireName)) {
                return value;
            }
        }
        throw new IllegalArgumentException("unknown EntryType: " + wireName);
    }
}
