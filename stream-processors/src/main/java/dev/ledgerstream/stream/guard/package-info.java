/**
 * Reporting the conservation guard's results: metrics and the JSON log line. The checks
 * themselves are pure and live in {@code ledger-core} ({@code dev.ledgerstream.ledger.guard}).
 */
package dev.ledgerstream.stream.guard;
