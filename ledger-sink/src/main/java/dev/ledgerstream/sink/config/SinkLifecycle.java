package dev.ledgerstream.sink.config;

import dev.ledgerstream.sink.consume.LedgerSink;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the consumers once the application is ready and stops them first on shutdown (SIGTERM):
 * each finishes the batch in hand and commits its offsets, then leaves the group.
 */
class SinkLifecycle implements SmartLifecycle {

    private final LedgerSink sink;
    private volatile boolean running;

    SinkLifecycle(LedgerSink sink) {
        this.sink = sink;
    }

    @Override
    public void start() {
        sink.start();
        running = true;
    }

    @Override
    public void stop() {
        sink.stop();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
