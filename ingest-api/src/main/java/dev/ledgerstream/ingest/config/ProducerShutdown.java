package dev.ledgerstream.ingest.config;

import dev.ledgerstream.servicekit.kafka.TransactionalProducers;
import java.time.Duration;
import org.apache.kafka.clients.producer.Producer;
import org.springframework.context.SmartLifecycle;

/**
 * Flushes and closes the producers after the web server stopped taking requests and finished the
 * in-flight ones (graceful shutdown), so that no acknowledged-but-unsent record can exist.
 */
class ProducerShutdown implements SmartLifecycle {

    private final Producer<String, byte[]> producer;
    private final TransactionalProducers batchProducers;
    private volatile boolean running;

    ProducerShutdown(Producer<String, byte[]> producer, TransactionalProducers batchProducers) {
        this.producer = producer;
        this.batchProducers = batchProducers;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        producer.flush();
        producer.close(Duration.ofSeconds(10));
        // Every batch in flight has committed or aborted: its request finished before this runs.
        batchProducers.close();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Lower than the web server's phase, so this stops after it. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 1000;
    }
}
