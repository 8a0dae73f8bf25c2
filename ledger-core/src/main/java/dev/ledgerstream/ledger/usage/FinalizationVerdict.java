package dev.ledgerstream.ledger.usage;

/** What the dedup step found for one finalization (SPEC 5.3, I-6); every value is an expected outcome. */
public enum FinalizationVerdict {
    /** The id was not seen before: store the record and apply the usage to its community's ledger. */
    FIRST,
    /** The same content from the same community again (a resend): absorbed, nothing emitted. */
    DUPLICATE,
    /**
     * The id was seen before with other content, possibly from another community: the first version
     * stands, and an I-6 violation naming both versions is emitted.
     */
    CONFLICT
}
