package dev.ledgerstream.bench;

/** One client thread's unit of work: one HTTP request or one Kafka send, returning the events it carried. */
@FunctionalInterface
interface Call {

    /** Does the work and returns once it was acknowledged; throws when it was not. */
    int run() throws Exception;
}
