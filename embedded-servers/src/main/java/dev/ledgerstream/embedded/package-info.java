/**
 * Real servers run inside this JVM with their data in a folder: a single-node Kafka broker in
 * KRaft mode ({@link dev.ledgerstream.embedded.EmbeddedKafkaBroker}) and a PostgreSQL server
 * ({@link dev.ledgerstream.embedded.EmbeddedPostgresServer}), both able to stop and start again on
 * the same port and data. Used by the tests and by local mode. Choosing between these, containers
 * and external servers is not done here but in {@code test-support} and the local launcher.
 */
package dev.ledgerstream.embedded;
