package dev.ledgerstream.sink.write;

/** What a failed database call means for the batch it belonged to (ADR 0003, ADR 0005). */
public enum FailureKind {
    /**
     * The database could not be reached or gave up on the transaction (connection lost, shutdown,
     * serialization failure, timeout): retry the same batch later, advance no offset.
     */
    TRANSIENT,
    /**
     * PostgreSQL refused one record for its data (a constraint, a value it cannot represent): that
     * record goes to its dead-letter topic and {@code sink_rejects}, the rest of the batch is written.
     */
    DATA,
    /**
     * Anything else (a missing privilege, a missing table, a bug): retried like a transient failure,
     * since no record may be lost, but logged as an error for an operator to fix.
     */
    PERMANENT
}
