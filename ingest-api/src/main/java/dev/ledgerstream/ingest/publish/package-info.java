/**
 * Producing raw events to Kafka with acknowledgement before answering, and Kafka's readiness for
 * the health endpoint. What to produce is decided by the endpoint packages.
 */
package dev.ledgerstream.ingest.publish;
