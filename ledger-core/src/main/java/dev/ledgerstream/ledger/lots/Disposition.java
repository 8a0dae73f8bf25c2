package dev.ledgerstream.ledger.lots;

/** What a ledger operation did with its command; every value is an expected outcome, not an error. */
public enum Disposition {
    /** The command changed the ledger (or, for {@code expire}, nothing was due). */
    APPLIED,
    /** Seen before with the same content: absorbed without output (usage, revocation). */
    DUPLICATE,
    /** A finalization id seen before with other content: the first stands, an I-6 violation is emitted. */
    CONFLICT,
    /** Refused with a violation: a lot minted twice (I-5) or an amount that overflows (I-9). */
    REJECTED,
    /** A revocation for a lot this community does not have (its mint was rejected): nothing to do. */
    UNKNOWN_LOT
}
