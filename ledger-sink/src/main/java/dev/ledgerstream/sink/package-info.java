/**
 * The ledger sink application (SPEC 2, 6): {@link dev.ledgerstream.sink.LedgerSinkApplication} and,
 * by feature, {@code schema} (migrations), {@code write} (records to rows to PostgreSQL),
 * {@code consume} (the Kafka side: batches, offsets, retries, dead letters), {@code ops} (health)
 * and {@code config} (Spring wiring). Nothing else lives in this package.
 */
package dev.ledgerstream.sink;
