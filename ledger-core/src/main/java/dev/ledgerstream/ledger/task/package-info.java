/**
 * What one community task does with each input, in one place for the stream topology and the
 * replay: {@link dev.ledgerstream.ledger.task.CommunityTask} runs a notification through the
 * payment decider and applies what it decided to the community's lots, and runs a usage
 * finalization through the community's dedup step and, on a first sight, the FIFO debit. The task
 * reads and writes its state through {@link dev.ledgerstream.ledger.task.LedgerStores}, which the
 * topology backs with state stores and the replay with maps. The rules themselves live in
 * {@code ledger.payment}, {@code ledger.usage} and {@code ledger.lots}; the order in which a task
 * receives its inputs is decided by its caller (ADR 0011); no I/O and no clock here.
 */
package dev.ledgerstream.ledger.task;
