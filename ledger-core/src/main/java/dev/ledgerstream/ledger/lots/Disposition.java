package dev.ledgerstream.ledger.lots;

/** What a ledger operation did with its command; every value is an expected outcome, not an error. */
public enum Disposition {
    /** The command changed the ledger (or, for {@code expire}, nothing was due). */
    APPLIED,
    /**
     * Seen before: absorbed without output (a grant id, a revocation). Usage duplicates and
     * conflicts never reach the community ledger: the finalization dedup step decides them.
     */
    DUPLICATE,
    /** Refused with a violation: a lot minted twice (I-5) or an amount that overflows (I-9). */
    REJECTED,
    /** A revocation for a lot this community does not have (its mint was rejected): nothing to do. */
    UNKNOWN_LOT
}
