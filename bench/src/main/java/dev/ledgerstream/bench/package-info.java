/**
 * Benchmarks: programs that start real servers in-process (an embedded Kafka broker, the services
 * themselves) and measure them next to a reference taken in the same run, such as
 * {@link dev.ledgerstream.bench.IngestBench}, which drives the ingest API over loopback HTTP and
 * compares it with a raw Kafka producer. They print figures and assert nothing, so they are not
 * tests and never run in the build. No production code lives here.
 */
package dev.ledgerstream.bench;
