package dev.ledgerstream.admin.ops;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * The admin API's own meters (the request timer is service-kit's {@code RequestTimer}). Tags are
 * low-cardinality only (reason code, result), never a community id.
 */
public class AdminMetrics {

    private final MeterRegistry registry;

    public AdminMetrics(MeterRegistry registry) {
        this.registry = registry;
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
