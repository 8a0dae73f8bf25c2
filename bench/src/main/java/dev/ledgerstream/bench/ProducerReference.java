package dev.ledgerstream.bench;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The ceiling for the HTTP path: one raw producer shared by N threads, configured exactly as the
 * ingest API's (IngestConfiguration with its default 2 s acknowledgement timeout), sending records
 * of the same size. Synchronously, each send waits for its acknowledgement as a request does;
 * asynchronously, threads fire without waiting, then flush.
 */
final class ProducerReference implements AutoCloseable {

    /**
     * Records sent but not yet acknowledged, at most, in the asynchronous variant. Unbounded, the
     * 32 MiB buffer would queue more than the broker delivers within the ingest settings' 2 s
     * delivery timeout on a busy machine, and records would expire; this many keep the broker
     * saturated (tens of milliseconds of work) without any waiting that long.
     */
    static final int MAX_IN_FLIGHT = 10_000;

    private final Producer<String, byte[]> producer;

    ProducerReference(String bootstrapServers) {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.CLIENT_ID_CONFIG, "bench-reference",
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 1000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 1500,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 2005,
                ProducerConfig.LINGER_MS_CONFIG, 2);
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    /** send().get() per record on every thread: the same wait as one single-event request. */
    Measurement synchronous(BenchSettings settings, RecordShape shape) {
        AtomicLong sequence = new AtomicLong();
        return ClosedLoop.run("raw producer, " + shape.describe() + ", send().get()", settings, thread -> () -> {
            producer.send(shape.record(sequence.incrementAndGet())).get();
            return 1;
        });
    }

    /** Fire without waiting, then flush: what the broker and client can take at all. */
    Measurement asynchronous(BenchSettings settings, RecordShape shape) {
        String scenario = "raw producer, " + shape.describe() + ", async + flush";
        fireAndFlush(settings.threads(), settings.warmup(), shape);
        Fired fired = fireAndFlush(settings.threads(), settings.duration(), shape);
        return new Measurement(scenario, settings.threads(), fired.acknowledged.get(), fired.acknowledged.get(),
                fired.elapsedNanos, null, fired.failed.get(), fired.firstError.get());
    }

    private Fired fireAndFlush(int threads, Duration duration, RecordShape shape) {
        Fired fired = new Fired();
        Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
        AtomicLong sequence = new AtomicLong();
        long start = System.nanoTime();
        long until = start + duration.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            Future<?>[] senders = new Future<?>[threads];
            for (int i = 0; i < threads; i++) {
                senders[i] = pool.submit(() -> {
                    while (System.nanoTime() - until < 0) {
                        inFlight.acquireUninterruptibly();
                        try {
                            producer.send(shape.record(sequence.incrementAndGet()), (metadata, error) -> {
                                inFlight.release();
                                fired.count(error);
                            });
                        } catch (KafkaException e) {
                            inFlight.release();
                            fired.count(e);
                        }
                    }
                });
            }
            for (Future<?> sender : senders) {
                sender.get();
            }
            producer.flush();
            fired.elapsedNanos = System.nanoTime() - start;
            return fired;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a sending thread failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }

    /** Acknowledgements and failures of one fire-and-flush phase, counted in the producer's callbacks. */
    private static final class Fired {
        final AtomicLong acknowledged = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        final AtomicReference<String> firstError = new AtomicReference<>();
        long elapsedNanos;

        void count(Exception error) {
            if (error == null) {
                acknowledged.incrementAndGet();
            } else {
                failed.incrementAndGet();
                firstError.compareAndSet(null, String.valueOf(error));
            }
        }
    }
}
