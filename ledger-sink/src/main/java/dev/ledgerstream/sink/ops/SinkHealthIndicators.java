package dev.ledgerstream.sink.ops;

import dev.ledgerstream.servicekit.health.DependencyHealth;
import dev.ledgerstream.servicekit.health.KafkaProbe;
import dev.ledgerstream.sink.consume.LedgerSink;
import dev.ledgerstream.sink.consume.LoopStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The sink's health components: {@code postgres} (a probe answers and no consumer is paused for an
 * outage), {@code kafka} (the cluster answers) and {@code sink} (every consumer thread is alive;
 * an outage keeps it alive, waiting). Readiness ({@code /health/ready}) is all three; liveness
 * ({@code /health}, {@code /health/live}) is {@code sink}, so that an orchestrator does not replace a
 * sink that is only waiting for PostgreSQL or Kafka: a dependency that does not answer is
 * {@link DependencyHealth#UNREACHABLE}, not DOWN, which {@code ledger-sink.yml} ranks below UP in the
 * whole report and like DOWN (503) in readiness.
 */
@Configuration(proxyBeanMethods = false)
class SinkHealthIndicators {

    @Bean("postgres")
    HealthIndicator postgresHealth(DatabaseProbe probe, LedgerSink sink) {
        return () -> {
            List<LoopStatus> paused = sink.status().stream()
                    .filter(loop -> loop.state() == LoopStatus.State.OUTAGE).toList();
            String problem = probe.problem();
            if (problem == null && paused.isEmpty()) {
                return Health.up().build();
            }
            Health.Builder health = DependencyHealth.unreachable();
            if (problem != null) {
                health.withDetail("probe", problem);
            }
            paused.forEach(loop -> health.withDetail(loop.name(), "paused since " + loop.since() + ": " + loop.detail()));
            return health.build();
        };
    }

    @Bean("kafka")
    HealthIndicator kafkaHealth(KafkaProbe probe) {
        return () -> DependencyHealth.of(probe.isReachable(), "the cluster does not answer");
    }

    @Bean("sink")
    HealthIndicator sinkHealth(LedgerSink sink) {
        return () -> {
            List<LoopStatus> loops = sink.status();
            Map<String, Object> details = new LinkedHashMap<>();
            loops.forEach(loop -> details.put(loop.name(), loop.state() + " since " + loop.since()
                    + ", " + loop.batchesCommitted() + " batches committed"
                    + (loop.detail() == null ? "" : ": " + loop.detail())));
            boolean alive = !loops.isEmpty() && loops.stream().allMatch(LoopStatus::alive);
            return (alive ? Health.up() : Health.down()).withDetails(details).build();
        };
    }
}
