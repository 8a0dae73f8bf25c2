/**
 * Consuming the ledger topics into the ledger: {@link dev.ledgerstream.sink.consume.LedgerSink}
 * runs one {@link dev.ledgerstream.sink.consume.SinkLoop} per consumer thread, each a plain Kafka
 * consumer (read_committed, manual commits) that hands every poll's records to a
 * {@code LedgerWriter} as one batch and commits the offsets only after the database did; on a
 * database failure it retries with backoff, then pauses and probes until PostgreSQL is back, never
 * advancing an offset. Rejects go to dead-letter topics here. How records become rows lives in
 * {@code sink.write}; Spring wiring in {@code sink.config}.
 */
package dev.ledgerstream.sink.consume;
