package dev.ledgerstream.servicekit.web;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Times every API request ({@code /api/…}) of a web service by its matched path pattern and final
 * status, as one timer with histogram buckets (for example {@code ingest.requests}, exported as
 * {@code ingest_requests_seconds}), so that latency percentiles and error rates can be read per
 * endpoint. Tags are low-cardinality only: the pattern, never the path with its ids. Register it
 * before the authentication interceptor, so that refused requests (401, 403) are timed too.
 */
public class RequestTimer implements HandlerInterceptor {

    private static final String STARTED = RequestTimer.class.getName() + ".started";

    private final MeterRegistry registry;
    private final String meterName;
    private final String description;

    /** {@code meterName} in Micrometer's dot form, e.g. {@code admin.requests}. */
    public RequestTimer(MeterRegistry registry, String meterName, String description) {
        this.registry = registry;
        this.meterName = meterName;
        this.description = description;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        request.setAttribute(STARTED, System.nanoTime());
        return true;
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
            Exception ex) {
        Object started = request.getAttribute(STARTED);
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        if (started instanceof Long startNanos && pattern instanceof String endpoint && endpoint.startsWith("/api/")) {
            Timer.builder(meterName)
                    .description(description)
                    .tag("endpoint", endpoint)
                    .tag("status", Integer.toString(response.getStatus()))
                    .publishPercentileHistogram()
                    .register(registry)
                    .record(System.nanoTime() - startNanos, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }
}
