package dev.ledgerstream.servicekit.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Transactional producers that put several records on Kafka whole or not at all: a usage batch
 * (ADR 0013), the copies of a global charging mode (ADR 0018). At most {@code size} of them, each
 * used by one send at a time (a producer runs one transaction at a time), created on first need
 * with a transactional id of their own and {@code initTransactions()} done. A producer whose
 * transaction failed in a way it cannot abort is closed and replaced by a new one with a new id.
 * Readers ({@code read_committed}) see all of a transaction's records or none.
 */
public final class TransactionalProducers implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TransactionalProducers.class);

    private final IntFunction<Producer<String, byte[]>> factory;
    private final BlockingQueue<Producer<String, byte[]>> idle;
    private final List<Producer<String, byte[]>> all = new ArrayList<>();
    private final AtomicInteger created = new AtomicInteger();
    private final int size;
    private int creating;
    private boolean closed;

    /** Records that did not go on Kafka: none of them became visible, and the sender may retry. */
    public static final class NotSent extends RuntimeException {
        NotSent(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * @param factory makes the n-th producer (n from 0, never reused): a transactional producer
     *                with its own {@code transactional.id}, {@code initTransactions()} already called
     */
    public TransactionalProducers(int size, IntFunction<Producer<String, byte[]>> factory) {
        if (size < 1) {
            throw new IllegalArgumentException("size must be positive: " + size);
        }
        this.size = size;
        this.factory = factory;
        this.idle = new ArrayBlockingQueue<>(size);
    }

    /**
     * The factory of {@link #TransactionalProducers}: producers with {@code config} plus a
     * transactional id {@code <instance>-<n>} of this process's own (nothing needs fencing across
     * restarts: a transaction a dead process left open is aborted by the broker after
     * {@code transactionTimeout}), blocking at most {@code maxBlock} in {@code initTransactions()}
     * and {@code commitTransaction()}.
     */
    public static IntFunction<Producer<String, byte[]>> factory(Map<String, Object> config, String instance,
            Duration transactionTimeout, Duration maxBlock) {
        return n -> {
            Map<String, Object> own = new HashMap<>(config);
            own.put(ProducerConfig.CLIENT_ID_CONFIG, instance + "-tx-" + n);
            own.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, instance + "-" + n);
            own.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) transactionTimeout.toMillis());
            own.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) maxBlock.toMillis());
            KafkaProducer<String, byte[]> producer = new KafkaProducer<>(own, new StringSerializer(),
                    new ByteArraySerializer());
            try {
                producer.initTransactions();
                return producer;
            } catch (RuntimeException e) {
                producer.close(Duration.ZERO);
                throw e;
            }
        };
    }

    /**
     * Sends {@code records} in one transaction and returns each one's metadata, in order, once it
     * committed; throws {@link NotSent} when no producer became free within {@code wait} or the
     * transaction did not commit (it was aborted whole).
     */
    public List<RecordMetadata> sendInOneTransaction(List<ProducerRecord<String, byte[]>> records, Duration wait) {
        Producer<String, byte[]> transactional;
        try {
            transactional = borrow(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotSent("interrupted while waiting for a transactional producer", e);
        } catch (KafkaException e) {
            throw new NotSent("Kafka did not start a transactional producer", e);
        }
        if (transactional == null) {
            throw new NotSent("no transactional producer became free within " + wait.toMillis() + " ms", null);
        }
        List<Future<RecordMetadata>> acks = new ArrayList<>(records.size());
        try {
            transactional.beginTransaction();
            for (ProducerRecord<String, byte[]> record : records) {
                acks.add(transactional.send(record));
            }
            // Waits for every send; throws, without committing, when any of them failed.
            transactional.commitTransaction();
        } catch (KafkaException e) {
            abortOrDiscard(transactional);
            throw new NotSent("Kafka did not take the records, which were aborted whole", e);
        }
        giveBack(transactional);
        List<RecordMetadata> acknowledged = new ArrayList<>(records.size());
        for (Future<RecordMetadata> ack : acks) {
            try {
                acknowledged.add(ack.get());
            } catch (InterruptedException | ExecutionException e) {
                // Committed, so every send succeeded and its future is complete.
                throw new IllegalStateException("a committed send has no metadata", e);
            }
        }
        return acknowledged;
    }

    private void abortOrDiscard(Producer<String, byte[]> transactional) {
        try {
            transactional.abortTransaction();
            giveBack(transactional);
        } catch (KafkaException e) {
            // Fenced, timed out or in a fatal state: the broker aborts its open transaction after
            // transaction.timeout.ms; a new producer with a new id takes its place.
            log.warn("a transactional producer could not abort its transaction and is replaced: {}", String.valueOf(e));
            discard(transactional);
        }
    }

    /** A producer for one transaction, or null when none became free within {@code wait}. */
    private Producer<String, byte[]> borrow(Duration wait) throws InterruptedException {
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

    /** Back for the next send: its last transaction was committed or aborted. */
    private void giveBack(Producer<String, byte[]> producer) {
        synchronized (this) {
            if (closed) {
                producer.close(Duration.ZERO);
                return;
            }
        }
        idle.add(producer);
    }

    /** Closed and forgotten; the next borrow may create a replacement. */
    private void discard(Producer<String, byte[]> producer) {
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
