package dev.ledgerstream.admin.ops;

import dev.ledgerstream.admin.tenant.TenantReads;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.swagger.v3.oas.annotations.Hidden;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Liveness ({@code /health}: the process answers), readiness ({@code /health/ready}: PostgreSQL
 * answers a scoped read as the reader role, which also proves the login may act as it) and
 * Prometheus metrics ({@code /metrics}).
 */
@RestController
@Hidden
class OpsController {

    private static final Logger log = LoggerFactory.getLogger(OpsController.class);
    private static final MediaType PROMETHEUS_TEXT = MediaType.parseMediaType("text/plain;version=0.0.4;charset=utf-8");

    private final TenantReads reads;
    private final PrometheusMeterRegistry registry;

    OpsController(TenantReads reads, PrometheusMeterRegistry registry) {
        this.reads = reads;
        this.registry = registry;
    }

    @GetMapping(path = "/health", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, String> health() {
        return Map.of("status", "UP");
    }

    @GetMapping(path = "/health/ready", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> ready() {
        boolean reachable = databaseAnswers();
        Map<String, Object> body = Map.of(
                "status", reachable ? "UP" : "DOWN",
                "components", Map.of("database", reachable ? "UP" : "DOWN"));
        return ResponseEntity.status(reachable ? 200 : 503).body(body);
    }

    @GetMapping(path = "/metrics")
    ResponseEntity<String> metrics() {
        return ResponseEntity.ok().contentType(PROMETHEUS_TEXT).body(registry.scrape());
    }

    private boolean databaseAnswers() {
        try {
            return reads.platformWide(connection -> {
                try (PreparedStatement statement = connection.prepareStatement("SELECT 1");
                        ResultSet rows = statement.executeQuery()) {
                    return rows.next();
                }
            });
        } catch (RuntimeException e) {
            log.warn("readiness: the database does not answer: {}", e.getMessage());
            return false;
        }
    }
}
