package dev.ledgerstream.ingest.ops;

import dev.ledgerstream.servicekit.health.DependencyHealth;
import dev.ledgerstream.servicekit.health.KafkaProbe;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The ingest API's health component {@code kafka}: the cluster answers, so an accepted request can
 * be acknowledged. Readiness ({@code /health/ready}) is {@code kafka}; liveness ({@code /health}) is
 * the process answering: a broker that does not answer is {@link DependencyHealth#UNREACHABLE}, which
 * {@code ingest-api.yml} ranks below UP there, since the API waits out an outage (answering 503 with
 * {@code Retry-After}) rather than be replaced.
 */
@Configuration(proxyBeanMethods = false)
class IngestHealthIndicators {

    @Bean("kafka")
    HealthIndicator kafkaHealth(KafkaProbe probe) {
        return () -> DependencyHealth.of(probe.isReachable(), "the cluster does not answer");
    }
}
