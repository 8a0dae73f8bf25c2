/**
 * The community tasks of the topology: {@code CommunityLedgerProcessor} (payment state machine,
 * finalization dedup, lots, expiry, and the hold that settles the order of a task's two input
 * partitions), the report-only owner check of finalization ids across communities, and the serdes
 * of the stores. The rules are in {@code ledger-core}.
 */
package dev.ledgerstream.stream.ledger;
