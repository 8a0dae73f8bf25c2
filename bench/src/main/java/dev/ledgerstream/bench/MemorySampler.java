package dev.ledgerstream.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A daemon thread recording, every {@value #SAMPLE_MILLIS} ms, the most heap in use
 * ({@code totalMemory - freeMemory}, garbage included) and the largest resident set ({@code VmRSS})
 * of this JVM since the last {@link #reset()}.
 */
final class MemorySampler implements AutoCloseable {

    static final long SAMPLE_MILLIS = 100;

    /** Peaks of one stretch of a run. */
    record Memory(long heapBytes, long rssBytes) {
    }

    private final AtomicLong heap = new AtomicLong();
    private final AtomicLong rss = new AtomicLong();
    private final Thread thread = new Thread(this::sample, "bench-memory-sampler");

    static MemorySampler start() {
        MemorySampler sampler = new MemorySampler();
        sampler.thread.setDaemon(true);
        sampler.thread.start();
        return sampler;
    }

    /** The peaks since the last reset (this moment's figures included); starts over. */
    Memory reset() {
        once();
        return new Memory(heap.getAndSet(0), rss.getAndSet(0));
    }

    private void sample() {
        while (!Thread.currentThread().isInterrupted()) {
            once();
            try {
                Thread.sleep(SAMPLE_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void once() {
        Runtime runtime = Runtime.getRuntime();
        heap.accumulateAndGet(runtime.totalMemory() - runtime.freeMemory(), Math::max);
        rss.accumulateAndGet(residentBytes(), Math::max);
    }

    /** {@code VmRSS} of /proc/self/status, or 0 where there is none. */
    private static long residentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }

    @Override
    public void close() {
        thread.interrupt();
    }
}
