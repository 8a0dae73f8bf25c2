/**
 * Spring wiring of the stream processors: properties, the Kafka Streams instance built from
 * {@code LedgerTopology}, its lifecycle. No ledger logic lives here.
 */
package dev.ledgerstream.stream.config;
