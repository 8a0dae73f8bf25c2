/**
 * The servers local mode runs before any service: today the embedded Kafka broker, with its data
 * under {@code LEDGER_DATA_DIR/kafka} (not started when {@code KAFKA_BOOTSTRAP_SERVERS} names a cluster);
 * the embedded PostgreSQL ({@code LEDGER_DATA_DIR/postgres}) joins here with the ledger sink. The
 * servers themselves are in {@code embedded-servers}; this package only chooses and starts them.
 */
package dev.ledgerstream.local.servers;
