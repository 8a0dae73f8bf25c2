package dev.ledgerstream.admin.ops;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Times every API request by its matched path pattern and final status. Registered before the
 * authentication interceptor, so refused requests (401, 403) are timed too.
 */
public class RequestMetricsInterceptor implements HandlerInterceptor {

    private static final String STARTED = RequestMetricsInterceptor.class.getName() + ".started";

    private final AdminMetrics metrics;

    public RequestMetricsInterceptor(AdminMetrics metrics) {
        this.metrics = metrics;
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
            metrics.request(endpoint, response.getStatus(), Duration.ofNanos(System.nanoTime() - startNanos));
        }
    }
}
