package dev.ledgerstream.admin.ops;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * The admin API's own meters. Tags are low-cardinality only (endpoint pattern, HTTP status, reason
 * code), never a community id.
 */
public class AdminMetrics {

    private final MeterRegistry registry;

    public AdminMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * One request of an endpoint, timed by its path pattern and answer status
     * ({@code admin_requests_seconds}, with histogram buckets for latency percentiles per endpoint).
     */
    public void request(String endpoint, int status, Duration duration) {
        Timer.builder("admin.requests")
                .description("Admin API requests by endpoint and HTTP status, with their latency")
                .tag("endpoint", endpoint)
                .tag("status", Integer.toString(status))
                .publishPercentileHistogram()
                .register(registry)
                .record(duration);
    }

    /** The admin JWKS was fetched again. */
    public void jwksRefreshed() {
        registry.counter("admin.jwks.refreshes").increment();
    }

    /** An admin token was refused, by reason code. */
    public void tokenRejected(String reason) {
        registry.counter("admin.token.rejections", "reason", reason).increment();
    }

    /** A verified-token cache lookup, {@code hit} or {@code miss}. */
    public void tokenCache(String result) {
        registry.counter("admin.token.cache", "result", result).increment();
    }
}
