/**
 * The stream processors application and its topology ({@code LedgerTopology}), the one place that
 * connects topics, stores and processors.
 */
package dev.ledgerstream.stream;
