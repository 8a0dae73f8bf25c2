package dev.ledgerstream.bench;

/**
 * The figures of one scenario's recorded phase.
 *
 * @param scenario what was measured, as shown in the table
 * @param threads concurrent client threads
 * @param requests calls completed successfully while recording (HTTP requests or Kafka sends)
 * @param events events those calls carried
 * @param elapsedNanos length of the recorded phase, up to the last call's completion
 * @param latency per-call latency, or null when calls were not timed one by one
 * @param errors calls that failed, warm-up included
 * @param firstError what the first failure said, or null
 */
record Measurement(String scenario, int threads, long requests, long events, long elapsedNanos,
        Latencies.Summary latency, long errors, String firstError) {

    double requestsPerSecond() {
        return requests * 1e9 / elapsedNanos;
    }

    double eventsPerSecond() {
        return events * 1e9 / elapsedNanos;
    }
}
