package dev.ledgerstream.schemas.ingest;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What an operator's action does (SPEC 5.5). */
public enum ActionKind {
    /** Credit a community with a lot of source {@code grant}, optionally expiring. */
    GRANT,
    /** Mint a held payment's lot, as its notification would have had it been paid in full. */
    RELEASE,
    /** Close a payment that awaits resolution without crediting it. */
    DISMISS,
    /** Set the charging and minting modes of one community, or of every community (no community named). */
    SET_CHARGING_MODE;

    /** The name as written on the topics, e.g. {@code grant}. */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True for the kinds that resolve one payment (release, dismiss); the others name a community or none. */
    public boolean resolvesPayment() {
        return this == RELEASE || this == DISMISS;
    }

    /** The constant for a wire name; throws for anything else, which is a broken record. */
    @JsonCreator
    public static ActionKind ofWireName(String wireName) {
        for (ActionKind value : values()) {
            if (value.wireName().equals(wireName)) {
                return value;
            }
        }
        throw new IllegalArgumentException("unknown ActionKind: " + wireName);
    }
}
