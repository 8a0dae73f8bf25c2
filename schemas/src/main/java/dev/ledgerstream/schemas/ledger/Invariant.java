package dev.ledgerstream.schemas.ledger;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The ledger invariants of SPEC 5.4, written {@code I-1} … {@code I-14} on the wire. */
public enum Invariant {
    /** No lot's remaining balance is negative. */
    I_1,
    /** A community's balance equals minted − debited − expired − revoked over its lots. */
    I_2,
    /** A usage event's lot debits plus its unfunded amount equal its amount. */
    I_3,
    /** A payment's lot amount equals the credits for its price. */
    I_4,
    /** At most one lot per payment. */
    I_5,
    /** At most one usage event per finalization id. */
    I_6,
    /** Payment status only moves forward. */
    I_7,
    /** Lots from payments are minted only on {@code finished}. */
    I_8,
    /** Every amount is a non-negative 64-bit integer; no sum overflows. */
    I_9,
    /** The amount does not exceed the reservation when one is given. */
    I_10,
    /** Every entry of a lot carries the lot's community. */
    I_11,
    /** No unfunded usage and no spent-then-refunded credit. */
    I_12,
    /** System-wide: Σ minted = Σ balances + Σ debited + Σ expired + Σ revoked. */
    I_13,
    /** Replaying the raw topics reproduces the ledger in PostgreSQL exactly. */
    I_14;

    /** The code as written on the topics, in logs and in metric tags, e.g. {@code I-12}. */
    @JsonValue
    public String wireName() {
        return name().replace('_', '-');
    }

    /** The invariant for a code such as {@code I-6}; throws for anything else. */
    @JsonCreator
    public static Invariant ofWireName(String wireName) {
        for (Invariant value : values()) {
            if (value.wireName().equals(wireName)) {
                return value;
            }
        }
        throw new IllegalArgumentException("unknown invariant: " + wireName);
    }
}
