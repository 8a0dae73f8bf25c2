/**
 * The contract shared by every module: value types (money, ids, statuses), the event records of
 * every topic, their serdes and JSON Schemas, and the topic catalog. No Spring and no business
 * rules live here; the ledger rules are in {@code ledger-core}.
 */
package dev.ledgerstream.schemas;
