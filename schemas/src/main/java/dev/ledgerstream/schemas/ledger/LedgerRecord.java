package dev.ledgerstream.schemas.ledger;

/**
 * A record on one of the ledger output topics. A ledger operation returns its output as an ordered
 * list of these; the processor routes each one to its topic by type.
 */
public sealed interface LedgerRecord permits PaymentOutcome, LedgerEntry, UsageRecorded, GuardViolation, ActionOutcome {

    /** The record key on its topic (SPEC 4). */
    String key();
}
