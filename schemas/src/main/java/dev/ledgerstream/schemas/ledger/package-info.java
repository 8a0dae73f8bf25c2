/**
 * The records the stream processors write to the ledger topics ({@code ledger.payments.v1},
 * {@code ledger.entries.v1}, {@code ledger.usage-events.v1}, {@code ledger.guard-violations.v1}):
 * one sealed {@link dev.ledgerstream.schemas.ledger.LedgerRecord} family, plus the small enums that
 * appear in them with their wire names. Records validate their own fields; the arithmetic that
 * relates fields to each other (debits plus unfunded equal the amount, and so on) is deliberately
 * left to the conservation guard in {@code ledger-core}, so that a broken relation becomes a
 * violation record instead of an exception. No ledger rules, id derivation or serdes live here.
 */
package dev.ledgerstream.schemas.ledger;
