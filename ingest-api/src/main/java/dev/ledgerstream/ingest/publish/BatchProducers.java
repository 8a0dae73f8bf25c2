package dev.ledgerstream.ingest.publish;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.apache.kafka.clients.producer.Producer;

/**
 * The transactional producers that put a usage batch on Kafka whole or not at all (ADR 0013): at
 * most {@code size} of them, each used by one request at a time (a producer runs one transaction
 * at a time), created on first need with a transactional id of their own and
 * {@code initTransactions()} done. A producer whose transaction failed in a way it cannot abort
 * is closed and replaced by a new one with a new id.
 */
public final class BatchProducers implements AutoCloseable {

    private final IntFunction<Producer<String, byte[]>> factory;
    private final BlockingQueue<Producer<String, byte[]>> idle;
    private final List<Producer<String, byte[]>> all = new ArrayList<>();
    private final AtomicInteger created = new AtomicInteger();
    private final int size;
    private int creating;
    private boolean closed;

    /**
     * @param factory makes the n-th producer (n from 0, never reused): a transactional producer
     *                with its own {@code transactional.id}, {@code initTransactions()} already called
     */
    public BatchProducers(int size, IntFunction<Producer<String, byte[]>> factory) {
        if (size < 1) {
            throw new IllegalArgumentException("size must be positive: " + size);
        }
        this.size = size;
        this.factory = factory;
        this.idle = new ArrayBlockingQueue<>(size);
    }

    /** A producer for one transaction, or null when none became free within {@code wait}. */
    Producer<String, byte[]> borrow(Duration wait) throws InterruptedException {
        Producer<String, byte[]> ready = idle.poll();
        if (ready != null) {
            return ready;
        }
        boolean makeOne;
        synchronized (this) {
            if (closed) {
                return null;
            }
            makeOne = all.size() + creating < size;
            if (makeOne) {
                creating++;
            }
        }
        if (!makeOne) {
            return idle.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
        }
        // Outside the lock: initTransactions() waits for the broker, and other requests must not wait behind it.
        Producer<String, byte[]> made = null;
        try {
            made = factory.apply(created.getAndIncrement());
            return made;
        } finally {
            synchronized (this) {
                creating--;
                if (made != null) {
                    all.add(made);
                }
            }
        }
    }

    /** Back for the next request: its last transaction was committed or aborted. */
    void giveBack(Producer<String, byte[]> producer) {
        synchronized (this) {
            if (closed) {
                producer.close(Duration.ZERO);
                return;
            }
        }
        idle.add(producer);
    }

    /** Closed and forgotten; the next borrow may create a replacement. */
    void discard(Producer<String, byte[]> producer) {
        synchronized (this) {
            all.remove(producer);
        }
        producer.close(Duration.ZERO);
    }

    /** Closes every producer; an open transaction is aborted by the broker after its timeout. */
    @Override
    public void close() {
        List<Producer<String, byte[]>> producers;
        synchronized (this) {
            closed = true;
            producers = new ArrayList<>(all);
            all.clear();
        }
        idle.clear();
        producers.forEach(producer -> producer.close(Duration.ofSeconds(5)));
    }
}
