package dev.ledgerstream.sink.consume;

import java.time.Instant;

/**
 * What one consumer thread of the sink is doing, for health and logs.
 *
 * @param since            when it entered this state
 * @param detail           the failure behind {@code OUTAGE} or {@code FAILED}, else null
 * @param batchesCommitted batches written and committed since it started
 */
public record LoopStatus(String name, State state, Instant since, String detail, long batchesCommitted) {

    public enum State {
        /** Created, not yet subscribed. */
        STARTING,
        /** Consuming and writing. */
        RUNNING,
        /**
         * A batch could not be written within its retries: consumption is paused at the last
         * committed offsets and PostgreSQL is probed with backoff until it answers.
         */
        OUTAGE,
        /** Stopped cleanly, offsets of everything written committed. */
        STOPPED,
        /** Ended by an unexpected error; nothing after the last offset commit counts as done. */
        FAILED
    }

    /** True while the thread makes progress or waits for PostgreSQL on purpose. */
    public boolean alive() {
        return state == State.STARTING || state == State.RUNNING || state == State.OUTAGE;
    }
}
