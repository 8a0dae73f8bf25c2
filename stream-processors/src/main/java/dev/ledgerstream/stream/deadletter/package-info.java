/**
 * Dead-lettering of poison records for the whole topology, as Kafka Streams exception handlers.
 * Business outcomes (stale, duplicate, unfunded) are not errors and never come here.
 */
package dev.ledgerstream.stream.deadletter;
