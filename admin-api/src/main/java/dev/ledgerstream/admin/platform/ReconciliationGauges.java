package dev.ledgerstream.admin.platform;

import dev.ledgerstream.admin.tenant.TenantReads;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The latest reconciliation run (SPEC 8) as two gauges on the admin API's {@code /metrics}, so that
 * Prometheus can alert on a reconcile that found differences (issue 15):
 * {@code ledger_reconciliation_differences} (the latest run's difference count) and
 * {@code ledger_reconciliation_last_finished_seconds} (when it finished, epoch seconds). Both are
 * NaN while no run is recorded or the ledger cannot be read. The run is read through the platform
 * function at most once per {@code maxAge}, however often the gauges are scraped.
 */
public final class ReconciliationGauges {

    private static final Logger log = LoggerFactory.getLogger(ReconciliationGauges.class);

    private final TenantReads reads;
    private final Clock clock;
    private final Duration maxAge;
    private Instant readAt = Instant.MIN;
    private ReconciliationRun latest;

    public ReconciliationGauges(TenantReads reads, MeterRegistry registry, Clock clock, Duration maxAge) {
        this.reads = reads;
        this.clock = clock;
        this.maxAge = maxAge;
        Gauge.builder("ledger.reconciliation.differences", this,
                        gauges -> gauges.latest() == null ? Double.NaN : gauges.latest().differencesCount())
                .description("Differences the latest reconcile or rebuild run found (SPEC 8); NaN before the first run")
                .register(registry);
        Gauge.builder("ledger.reconciliation.last.finished", this,
                        gauges -> gauges.latest() == null ? Double.NaN : gauges.latest().finishedAt().getEpochSecond())
                .description("When the latest reconcile or rebuild run finished, epoch seconds")
                .baseUnit("seconds")
                .register(registry);
    }

    private synchronized ReconciliationRun latest() {
        Instant now = clock.instant();
        if (Duration.between(readAt, now).compareTo(maxAge) >= 0) {
            readAt = now;
            try {
                List<ReconciliationRun> runs = reads.platformWide(connection -> PlatformQueries.reconciliationRuns(connection, 1));
                latest = runs.isEmpty() ? null : runs.get(0);
            } catch (RuntimeException e) {
                log.warn("cannot read the latest reconciliation run for /metrics: {}", String.valueOf(e));
                latest = null;
            }
        }
        return latest;
    }
}
