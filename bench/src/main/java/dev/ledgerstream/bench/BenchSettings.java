package dev.ledgerstream.bench;

import java.time.Duration;

/**
 * How hard and how long the benchmark drives each scenario, from system properties
 * ({@code -Dbench.threads=8 -Dbench.warmup=3s -Dbench.duration=5s}).
 *
 * @param threads concurrent client threads (or producer threads) in every scenario
 * @param warmup time each scenario runs before anything is recorded, for the JIT and the connections
 * @param duration time each scenario is recorded for
 */
record BenchSettings(int threads, Duration warmup, Duration duration) {

    static final int MAX_THREADS = 256;
    static final Duration MAX_PHASE = Duration.ofMinutes(10);

    BenchSettings {
        if (threads < 1 || threads > MAX_THREADS) {
            throw new IllegalArgumentException("bench.threads must be between 1 and " + MAX_THREADS + ": " + threads);
        }
        requireWithin(warmup, "bench.warmup", Duration.ZERO);
        requireWithin(duration, "bench.duration", Duration.ofSeconds(1));
    }

    static BenchSettings fromSystemProperties() {
        return new BenchSettings(
                Integer.parseInt(System.getProperty("bench.threads", "8")),
                seconds(System.getProperty("bench.warmup", "3s")),
                seconds(System.getProperty("bench.duration", "5s")));
    }

    /** {@code 5s}, {@code 5} (seconds) or {@code 500ms}. */
    private static Duration seconds(String value) {
        String text = value.strip();
        if (text.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
        }
        if (text.endsWith("s")) {
            text = text.substring(0, text.length() - 1);
        }
        return Duration.ofSeconds(Long.parseLong(text));
    }

    private static void requireWithin(Duration value, String name, Duration min) {
        if (value.compareTo(min) < 0 || value.compareTo(MAX_PHASE) > 0) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + MAX_PHASE + ": " + value);
        }
    }
}
