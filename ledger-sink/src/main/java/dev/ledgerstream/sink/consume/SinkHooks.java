package dev.ledgerstream.sink.consume;

import dev.ledgerstream.sink.write.SinkRecord;
import java.util.List;

/**
 * Points in the sink's loop where a test can step in; production uses {@link #NONE}. The one point
 * that matters is the gap between the database commit and the offset commit, where a crash must
 * lose nothing and duplicate nothing.
 */
public interface SinkHooks {

    SinkHooks NONE = new SinkHooks() {
    };

    /**
     * After the database committed {@code batch}, before its offsets are committed. An exception
     * thrown here ends the consumer thread the way a crash would: without committing the offsets.
     */
    default void afterDatabaseCommit(List<SinkRecord> batch) {
    }
}
