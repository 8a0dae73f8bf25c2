/**
 * Writing records from the ledger topics to PostgreSQL: decoding a record into the rows it stands
 * for ({@link dev.ledgerstream.sink.write.RowSet}), staging a batch with COPY and moving it into the
 * ledger tables with {@code INSERT … ON CONFLICT DO NOTHING} per tenant scope, in one transaction
 * ({@link dev.ledgerstream.sink.write.LedgerWriter}), and telling transient failures from records
 * PostgreSQL refuses for their data ({@link dev.ledgerstream.sink.write.SqlFailures}). No Kafka
 * client and no Spring here: consuming, offsets and retries live in {@code sink.consume}.
 */
package dev.ledgerstream.sink.write;
