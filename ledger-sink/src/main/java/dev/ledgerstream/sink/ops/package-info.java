/**
 * Operating the ledger sink: health of PostgreSQL, Kafka and the consumer threads, served by the
 * actuator at {@code /health}, {@code /health/ready} and {@code /health/live}. The probes answer
 * from a short memory so that a burst of health checks never becomes a burst of connections. The
 * sink's metrics are its own ({@code consume.SinkMetrics}).
 */
package dev.ledgerstream.sink.ops;
