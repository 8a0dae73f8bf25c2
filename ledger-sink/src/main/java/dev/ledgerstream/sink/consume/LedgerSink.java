package dev.ledgerstream.sink.consume;

import dev.ledgerstream.sink.write.DatabaseSettings;
import dev.ledgerstream.sink.write.LedgerWriter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ledger sink without Spring: {@link SinkSettings#consumers()} consumer threads of one group,
 * each with its own database session, sharing one dead-letter producer. Built from settings only
 * (no static state), so that several can run in one JVM (local mode, tests, the benchmark).
 * The schema must be migrated before {@link #start()}.
 */
public final class LedgerSink {

    private static final Logger log = LoggerFactory.getLogger(LedgerSink.class);

    private final SinkSettings settings;
    private final DatabaseSettings database;
    private final SinkMetrics metrics;
    private final SinkHooks hooks;
    private final Clock clock;
    private final List<SinkLoop> loops = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private DeadLetterPublisher deadLetters;

    /**
     * @param database the login the writes use; every session acts as {@code ledger_writer}
     */
    public LedgerSink(SinkSettings settings, DatabaseSettings database, MeterRegistry registry, Clock clock,
            SinkHooks hooks) {
        this.settings = settings;
        this.database = database;
        this.metrics = new SinkMetrics(registry);
        this.hooks = hooks;
        this.clock = clock;
    }

    public synchronized void start() {
        if (!threads.isEmpty()) {
            return;
        }
        deadLetters = new DeadLetterPublisher(settings.kafkaBootstrapServers(), settings.kafkaSecurity(),
                settings.applicationName() + "-dead-letters", settings.deadLetterTimeout(), clock);
        for (int i = 0; i < settings.consumers(); i++) {
            String name = "consumer-" + i;
            SinkLoop loop = new SinkLoop(name, settings,
                    new LedgerWriter(database, settings.applicationName() + "-" + name, clock), deadLetters, metrics,
                    hooks, clock);
            Thread thread = new Thread(loop, settings.applicationName() + "-" + name);
            loops.add(loop);
            threads.add(thread);
            thread.start();
        }
        log.info("ledger sink started: {} consumer(s) in group {}, batches of up to {} records, writing as {}",
                settings.consumers(), settings.groupId(), settings.batchMaxRecords(), database);
    }

    /**
     * Stops every consumer after the batch it is writing: what was written is committed, what was
     * not stays uncommitted for the next owner. Waits up to the shutdown timeout.
     */
    public synchronized void stop() {
        loops.forEach(SinkLoop::stop);
        long deadline = System.nanoTime() + settings.shutdownTimeout().toNanos();
        for (Thread thread : threads) {
            try {
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            if (thread.isAlive()) {
                log.warn("{} did not stop within {}", thread.getName(), settings.shutdownTimeout());
            }
        }
        if (deadLetters != null) {
            deadLetters.close();
            deadLetters = null;
        }
        threads.clear();
        loops.clear();
    }

    /** One status per consumer thread; empty when not started. */
    public synchronized List<LoopStatus> status() {
        return loops.stream().map(SinkLoop::status).toList();
    }
}
