/**
 * The one place where ledger ids are derived: lot ids, entry ids, payment outcome ids and
 * violation ids, all computed from their cause (payment id, grant id, finalization id, event id)
 * so that a replay of the raw topics produces the same ids and the sink's idempotent inserts hold
 * (SPEC 5.3, I-14). It also holds the SHA-256 used for those ids and for content hashes. No ledger
 * rules live here, and nothing here reads a clock or a random source.
 */
package dev.ledgerstream.ledger.identity;
