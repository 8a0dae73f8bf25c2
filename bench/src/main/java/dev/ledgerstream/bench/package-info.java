/**
 * The ingest benchmark: an embedded Kafka broker, a JWKS and the ingest API started in this JVM,
 * driven over loopback HTTP by a fixed number of client threads, next to a raw Kafka producer
 * measured in the same run as the ceiling. It prints figures; it asserts nothing, so it is not a
 * test and never runs in the build. No production code lives here.
 */
package dev.ledgerstream.bench;
