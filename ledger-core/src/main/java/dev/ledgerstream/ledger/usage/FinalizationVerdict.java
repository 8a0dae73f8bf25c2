package dev.ledgerstream.ledger.usage;

/**
 * What the main path's dedup step found for one finalization in its community (SPEC 5.3, I-6);
 * every value is an expected outcome.
 */
public enum FinalizationVerdict {
    /** The community had not seen the id: store the record and apply the usage to the community's ledger. */
    FIRST,
    /** The same content from the same community again (a resend): absorbed, nothing emitted. */
    DUPLICATE,
    /**
     * The community saw the id before with other content: the first version stands, and an I-6
     * violation naming both versions is emitted. (The side check gets this verdict too when it
     * checks a usage against another community's record, which it only reports.)
     */
    CONFLICT
}
