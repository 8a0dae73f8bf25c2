package dev.ledgerstream.sink.consume;

import dev.ledgerstream.sink.write.LedgerWriter;
import dev.ledgerstream.sink.write.SinkRecord;
import dev.ledgerstream.sink.write.SinkTopics;
import dev.ledgerstream.sink.write.WriteFailure;
import dev.ledgerstream.sink.write.WriteResult;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One consumer thread of the sink. Each poll's records are one batch: written in one database
 * transaction, then their offsets committed. A batch that cannot be written is retried in place a
 * few times with backoff; after that the consumer is rewound to the batch's first offsets and
 * paused (it keeps polling, so it stays in its group), and PostgreSQL is probed with growing,
 * capped backoff until it answers; then consumption resumes where it was committed. No offset is
 * ever committed for a record that is not in the database (or in {@code sink_rejects}).
 */
final class SinkLoop implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(SinkLoop.class);
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(2);

    private final String name;
    private final SinkSettings settings;
    private final LedgerWriter writer;
    private final DeadLetterPublisher deadLetters;
    private final SinkMetrics metrics;
    private final SinkHooks hooks;
    private final Clock clock;
    private final Object sleeper = new Object();
    private volatile boolean running = true;
    private volatile LoopStatus status;

    private Consumer<byte[], byte[]> consumer;
    private boolean paused;
    private long nextProbeNanos;
    private int failureStreak;
    private volatile long batchesCommitted;
    private long lagCheckedNanos;

    SinkLoop(String name, SinkSettings settings, LedgerWriter writer, DeadLetterPublisher deadLetters,
            SinkMetrics metrics, SinkHooks hooks, Clock clock) {
        this.name = name;
        this.settings = settings;
        this.writer = writer;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.hooks = hooks;
        this.clock = clock;
        this.status = new LoopStatus(name, LoopStatus.State.STARTING, clock.instant(), null, 0);
    }

    @Override
    public void run() {
        try {
            consumer = new KafkaConsumer<>(consumerConfig(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
            consumer.subscribe(SinkTopics.subscribed(), new PauseNewPartitionsDuringOutage());
            state(LoopStatus.State.RUNNING, null);
            while (running) {
                if (paused) {
                    awaitDatabase();
                } else {
                    ConsumerRecords<byte[], byte[]> records = consumer.poll(settings.pollTimeout());
                    if (!records.isEmpty()) {
                        handle(records);
                    }
                }
                measureLag();
            }
            close();
            state(LoopStatus.State.STOPPED, null);
        } catch (RuntimeException | Error e) {
            log.error("sink consumer {} stopped by an unexpected error; its uncommitted records will be redelivered",
                    name, e);
            state(LoopStatus.State.FAILED, String.valueOf(e));
            close();
        } finally {
            writer.close();
            if (paused) {
                metrics.outageEnded();
            }
        }
    }

    /** Asks the thread to stop after the batch in hand (written and committed, or left uncommitted). */
    void stop() {
        running = false;
        synchronized (sleeper) {
            sleeper.notifyAll();
        }
    }

    LoopStatus status() {
        LoopStatus current = status;
        return new LoopStatus(name, current.state(), current.since(), current.detail(), batchesCommitted);
    }

    private void handle(ConsumerRecords<byte[], byte[]> records) {
        long started = System.nanoTime();
        List<SinkRecord> batch = new ArrayList<>(records.count());
        Map<TopicPartition, Long> firstOffsets = new LinkedHashMap<>();
        Map<TopicPartition, OffsetAndMetadata> nextOffsets = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            batch.add(sinkRecord(record));
            TopicPartition partition = new TopicPartition(record.topic(), record.partition());
            firstOffsets.putIfAbsent(partition, record.offset());
            nextOffsets.put(partition, new OffsetAndMetadata(record.offset() + 1));
        }
        for (int attempt = 1; running || attempt == 1; attempt++) {
            try {
                WriteResult result = writer.write(batch, deadLetters::publish);
                hooks.afterDatabaseCommit(batch);
                commit(nextOffsets);
                metrics.batchCommitted(result, Duration.ofNanos(System.nanoTime() - started));
                failureStreak = 0;
                batchesCommitted++;
                return;
            } catch (WriteFailure failure) {
                failureStreak++;
                metrics.writeFailed(failure.kind());
                if (attempt >= settings.writeAttempts()) {
                    pause(firstOffsets, failure);
                    return;
                }
                log.warn("sink consumer {}: writing a batch of {} records failed (attempt {} of {}), retrying: {}",
                        name, batch.size(), attempt, settings.writeAttempts(), failure.getMessage());
                sleep(settings.backoff(failureStreak));
            }
        }
        // Stopping during retries: the batch stays uncommitted and is redelivered to the next owner.
    }

    /** Rewinds to the batch and pauses every partition until PostgreSQL answers again. */
    private void pause(Map<TopicPartition, Long> firstOffsets, WriteFailure failure) {
        firstOffsets.forEach(consumer::seek);
        consumer.pause(consumer.assignment());
        paused = true;
        metrics.outageStarted();
        Duration wait = settings.backoff(failureStreak);
        nextProbeNanos = System.nanoTime() + wait.toNanos();
        log.error("sink consumer {}: PostgreSQL did not take a batch after {} attempts ({}: {}); consumption paused "
                + "at the last committed offsets, probing again in {} ms", name, settings.writeAttempts(),
                failure.kind(), failure.getMessage(), wait.toMillis());
        state(LoopStatus.State.OUTAGE, failure.kind() + ": " + failure.getMessage());
    }

    /** While paused: poll (which returns nothing, but keeps the group membership) and probe with backoff. */
    private void awaitDatabase() {
        ConsumerRecords<byte[], byte[]> stray = consumer.poll(settings.pollTimeout());
        if (!stray.isEmpty()) {
            // Only a partition assigned and fetched in the same poll can get here; rewind it.
            Map<TopicPartition, Long> first = new HashMap<>();
            stray.forEach(record -> first.putIfAbsent(new TopicPartition(record.topic(), record.partition()),
                    record.offset()));
            first.forEach(consumer::seek);
            consumer.pause(first.keySet());
        }
        if (System.nanoTime() < nextProbeNanos) {
            return;
        }
        try {
            writer.probe();
            consumer.resume(consumer.paused());
            paused = false;
            metrics.outageEnded();
            log.info("sink consumer {}: PostgreSQL answers again after {}; resuming from the committed offsets", name,
                    Duration.between(status.since(), clock.instant()));
            state(LoopStatus.State.RUNNING, null);
        } catch (WriteFailure failure) {
            failureStreak++;
            metrics.writeFailed(failure.kind());
            Duration wait = settings.backoff(failureStreak);
            nextProbeNanos = System.nanoTime() + wait.toNanos();
            log.warn("sink consumer {}: PostgreSQL still unavailable ({}), next probe in {} ms", name,
                    failure.getMessage(), wait.toMillis());
        }
    }

    /**
     * Commits after the database did. A failed commit loses nothing: the batch is redelivered
     * (to this consumer or the partition's next owner) and inserts nothing new.
     */
    private void commit(Map<TopicPartition, OffsetAndMetadata> offsets) {
        try {
            consumer.commitSync(offsets, settings.commitTimeout());
        } catch (KafkaException e) {
            metrics.offsetCommitFailed();
            log.warn("sink consumer {}: committing offsets failed after the database commit; the batch will be "
                    + "redelivered and insert nothing new: {}", name, e.toString());
        }
    }

    /** Records per topic between this consumer's position and the end of its partitions, now and then. */
    private void measureLag() {
        if (System.nanoTime() - lagCheckedNanos < settings.lagInterval().toNanos()) {
            return;
        }
        lagCheckedNanos = System.nanoTime();
        Set<TopicPartition> assignment = consumer.assignment();
        Map<String, Long> byTopic = new HashMap<>();
        try {
            Map<TopicPartition, Long> ends = consumer.endOffsets(assignment, METADATA_TIMEOUT);
            for (TopicPartition partition : assignment) {
                Long end = ends.get(partition);
                if (end != null) {
                    long behind = Math.max(0, end - consumer.position(partition, METADATA_TIMEOUT));
                    byTopic.merge(partition.topic(), behind, Long::sum);
                }
            }
            metrics.lag(name, byTopic);
        } catch (KafkaException e) {
            log.debug("sink consumer {}: lag not measured: {}", name, e.toString());
        }
    }

    private Map<String, Object> consumerConfig() {
        Map<String, Object> config = new HashMap<>(settings.kafkaSecurity().clientProperties());
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.kafkaBootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, settings.applicationName() + "-" + name);
        // Only what Kafka Streams committed: aborted transactions never reach the ledger.
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // Offsets are committed by hand, after the database commit, never by a timer.
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // A new group reads the ledger topics from their start: they are kept forever.
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.batchMaxRecords());
        // In-place retries happen between polls; the group must wait for them (outages then poll while paused).
        long retries = settings.writeAttempts() * (settings.retryBackoffMax().toMillis() + 120_000L);
        config.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, (int) Math.min(Integer.MAX_VALUE,
                Math.max(300_000L, retries)));
        return config;
    }

    private void sleep(Duration duration) {
        long deadline = System.nanoTime() + duration.toNanos();
        synchronized (sleeper) {
            long left;
            while (running && (left = deadline - System.nanoTime()) > 0) {
                try {
                    sleeper.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running = false;
                }
            }
        }
    }

    private void close() {
        if (consumer != null) {
            try {
                consumer.close(CloseOptions.timeout(settings.shutdownTimeout()));
            } catch (KafkaException e) {
                log.warn("sink consumer {}: closing the Kafka consumer failed: {}", name, e.toString());
            }
            consumer = null;
        }
    }

    private void state(LoopStatus.State state, String detail) {
        status = new LoopStatus(name, state, clock.instant(), detail, batchesCommitted);
    }

    private static SinkRecord sinkRecord(ConsumerRecord<byte[], byte[]> record) {
        List<SinkRecord.Header> headers = new ArrayList<>();
        for (Header header : record.headers()) {
            headers.add(new SinkRecord.Header(header.key(), header.value()));
        }
        return new SinkRecord(record.topic(), record.partition(), record.offset(), record.timestamp(), record.key(),
                record.value(), headers);
    }

    /** A partition assigned during an outage is paused at once, like the others. */
    private final class PauseNewPartitionsDuringOutage implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            // Nothing is in flight: every batch is committed (or left uncommitted) before the next poll.
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (paused) {
                consumer.pause(partitions);
            }
        }
    }
}
