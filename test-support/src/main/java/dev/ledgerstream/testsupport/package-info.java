/**
 * JUnit 5 extensions and static accessors that give tests a real Kafka broker and a real
 * PostgreSQL, shared by every test class of a test JVM: {@link dev.ledgerstream.testsupport.WithKafka},
 * {@link dev.ledgerstream.testsupport.WithPostgres} and {@link dev.ledgerstream.testsupport.TestServers}.
 * The servers are external, Testcontainers or embedded, chosen once per JVM (see the module's
 * README). The servers themselves live in {@code embedded-servers}; nothing here depends on Spring.
 */
package dev.ledgerstream.testsupport;
