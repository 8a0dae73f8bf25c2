package dev.ledgerstream.ingest.ops;

import dev.ledgerstream.servicekit.health.KafkaProbe;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Liveness ({@code /health}: the process answers), readiness ({@code /health/ready}: Kafka is
 * reachable, so an accepted request can be acknowledged) and Prometheus metrics ({@code /metrics}).
 */
@RestController
class OpsController {

    private static final MediaType PROMETHEUS_TEXT = MediaType.parseMediaType("text/plain;version=0.0.4;charset=utf-8");

    private final KafkaProbe kafka;
    private final PrometheusMeterRegistry registry;

    OpsController(KafkaProbe kafka, PrometheusMeterRegistry registry) {
        this.kafka = kafka;
        this.registry = registry;
    }

    @GetMapping(path = "/health", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, String> health() {
        return Map.of("status", "UP");
    }

    @GetMapping(path = "/health/ready", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> ready() {
        boolean reachable = kafka.isReachable();
        Map<String, Object> body = Map.of(
                "status", reachable ? "UP" : "DOWN",
                "components", Map.of("kafka", reachable ? "UP" : "DOWN"));
        return ResponseEntity.status(reachable ? 200 : 503).body(body);
    }

    @GetMapping(path = "/metrics")
    ResponseEntity<String> metrics() {
        return ResponseEntity.ok().contentType(PROMETHEUS_TEXT).body(registry.scrape());
    }
}
