package dev.ledgerstream.local;

/**
 * One thing local mode runs: a server (the Kafka broker, the development JWKS) or a service (the
 * ingest API). {@link LocalMode} starts them one after the other and stops them in reverse order.
 */
public interface Component {

    /** A short name for log lines, e.g. {@code "ingest API"}. */
    String name();

    /** Starts and returns once the component serves; throws when it cannot. */
    void start();

    /** Stops and waits until stopped, letting in-flight work finish. Does nothing when not running. */
    void stop();
}
