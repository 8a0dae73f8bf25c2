package dev.ledgerstream.servicekit.health;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * The health of something a service depends on and waits for when it is gone (Kafka, PostgreSQL):
 * {@code UP}, or {@link #UNREACHABLE} rather than {@code DOWN}. Every service's configuration file
 * ranks {@code UNREACHABLE} below {@code UP} in the whole report, so that {@code /health} stays
 * liveness (an orchestrator must not replace a service that only waits out an outage), and like
 * {@code DOWN}, answered 503, in {@code /health/ready}:
 *
 * <pre>
 * management.endpoint.health.status.order: down, out-of-service, up, unreachable, unknown
 * management.endpoint.health.group.ready.status.order: down, unreachable, out-of-service, up, unknown
 * management.endpoint.health.group.ready.status.http-mapping.unreachable: 503
 * </pre>
 */
public final class DependencyHealth {

    /** A dependency the service cannot reach now and waits for. */
    public static final Status UNREACHABLE = new Status("UNREACHABLE", "the service waits for it");

    private DependencyHealth() {
    }

    /** {@code UP}, or {@link #UNREACHABLE} with {@code problem} as its detail. */
    public static Health of(boolean reachable, String problem) {
        return reachable ? Health.up().build() : Health.status(UNREACHABLE).withDetail("problem", problem).build();
    }

    /** A builder at {@link #UNREACHABLE}, for details of one's own. */
    public static Health.Builder unreachable() {
        return Health.status(UNREACHABLE);
    }
}
