/**
 * The whole ledger in memory: {@link dev.ledgerstream.ledger.replay.ReplayLedger} chains the pure
 * deciders in exactly the sequence the stream topology runs them (payment decider, then the
 * community ledger for its commands; for usage, the cross-community side check, then the
 * community's own finalization dedup, then the community ledger for a first sight), over plain maps
 * instead of state stores, so that the reconcile and rebuild tools and the property tests replay
 * what the topology does. No rules live here, and no I/O: reading topics, comparing with PostgreSQL
 * and reporting belong to the tools.
 */
package dev.ledgerstream.ledger.replay;
