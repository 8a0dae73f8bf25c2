package dev.ledgerstream.ingest.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The ingest API's own meters (the request timer is service-kit's {@code RequestTimer}). Tags are
 * low-cardinality only (reason class, result), never a payment or community id.
 */
public class IngestMetrics {

    private final MeterRegistry registry;

    public IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** A validly signed IPN put in quarantine; {@code reasonClass} is the part before the colon. */
    public void quarantined(String reason) {
        int colon = reason.indexOf(':');
        Counter.builder("ingest.ipn.quarantined")
                .description("Validly signed IPNs quarantined because they break the rules")
                .tag("reason", colon < 0 ? reason : reason.substring(0, colon))
                .register(registry)
                .increment();
    }

    /** Events accepted onto a raw topic. */
    public void accepted(String topic, int events) {
        Counter.builder("ingest.events.accepted")
                .description("Events acknowledged by Kafka, by topic")
                .tag("topic", topic)
                .register(registry)
                .increment(events);
    }

    public MeterRegistry registry() {
        return registry;
    }
}
