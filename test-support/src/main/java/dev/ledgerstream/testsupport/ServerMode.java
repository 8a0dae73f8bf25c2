package dev.ledgerstream.testsupport;

/** Where a test server runs. */
public enum ServerMode {

    /** In this JVM (Kafka) or as its child process (PostgreSQL), with data in a temporary folder. */
    EMBEDDED,

    /** In a Docker container started by Testcontainers. */
    TESTCONTAINERS,

    /** Somewhere else, named by {@code KAFKA_BOOTSTRAP_SERVERS} or {@code DATABASE_URL}. */
    EXTERNAL
}
