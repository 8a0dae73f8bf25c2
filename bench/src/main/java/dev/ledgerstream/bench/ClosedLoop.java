package dev.ledgerstream.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * A closed-loop load: each of N threads sends its next call as soon as the previous one was
 * acknowledged, first for the warm-up (not recorded), then for the recorded duration. A call
 * counts when it started inside the recorded phase; the phase ends when the last one completes.
 */
final class ClosedLoop {

    private ClosedLoop() {
    }

    static Measurement run(String scenario, BenchSettings settings, IntFunction<Call> callOfThread) {
        List<Call> calls = new ArrayList<>();
        for (int thread = 0; thread < settings.threads(); thread++) {
            calls.add(callOfThread.apply(thread));
        }
        long recordFrom = System.nanoTime() + settings.warmup().toNanos();
        long recordUntil = recordFrom + settings.duration().toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(settings.threads());
        try {
            List<Future<ThreadResult>> results = new ArrayList<>();
            for (Call call : calls) {
                results.add(pool.submit(() -> loop(call, recordFrom, recordUntil)));
            }
            List<ThreadResult> done = new ArrayList<>();
            for (Future<ThreadResult> result : results) {
                done.add(result.get());
            }
            return combine(scenario, settings.threads(), recordFrom, done);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while measuring " + scenario, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a client thread of " + scenario + " failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static ThreadResult loop(Call call, long recordFrom, long recordUntil) {
        ThreadResult result = new ThreadResult();
        while (true) {
            long begin = System.nanoTime();
            if (begin - recordUntil >= 0) {
                return result;
            }
            int events;
            try {
                events = call.run();
            } catch (Exception e) {
                result.failed(e);
                continue;
            }
            long end = System.nanoTime();
            if (begin - recordFrom >= 0) {
                result.latencies.add(end - begin);
                result.events += events;
                result.lastEndNanos = end;
            }
        }
    }

    private static Measurement combine(String scenario, int threads, long recordFrom, List<ThreadResult> done) {
        long requests = 0;
        long events = 0;
        long errors = 0;
        long lastEnd = recordFrom;
        String firstError = null;
        for (ThreadResult result : done) {
            requests += result.latencies.size();
            events += result.events;
            errors += result.errors;
            lastEnd = Math.max(lastEnd, result.lastEndNanos);
            firstError = firstError != null ? firstError : result.firstError;
        }
        Latencies.Summary latency = Latencies.summarize(done.stream().map(result -> result.latencies).toList());
        return new Measurement(scenario, threads, requests, events, Math.max(1, lastEnd - recordFrom), latency,
                errors, firstError);
    }

    /** What one thread saw; written by that thread only, read after it finished. */
    private static final class ThreadResult {
        final Latencies latencies = new Latencies();
        long events;
        long errors;
        long lastEndNanos;
        String firstError;

        void failed(Exception e) {
            errors++;
            if (firstError == null) {
                firstError = String.valueOf(e);
            }
        }
    }
}
