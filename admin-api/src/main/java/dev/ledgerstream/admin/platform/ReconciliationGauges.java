package dev.ledgerstream.admin.platform;

import dev.ledgerstream.admin.tenant.TenantReads;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The latest reconciliation run (SPEC 8) as two gauges on the admin API's {@code /metrics}, so that
 * Prometheus can alert on a reconcile that found differences (issue 15):
 * {@code ledger_reconciliation_differences} (the latest run's difference count) and
 * {@code ledger_reconciliation_last_finished_seconds} (when it finished, epoch seconds). Both are
 * NaN while no run is recorded or the ledger cannot be read. The run is read through the platform
 * function at most once per {@code maxAge}, however often the gauges are scraped.
 */
public final class ReconciliationGauges {

    private final PeriodicRead<List<ReconciliationRun>> runs;

    public ReconciliationGauges(TenantReads reads, MeterRegistry registry, Clock clock, Duration maxAge) {
        this.runs = new PeriodicRead<>(reads, clock, maxAge, "the latest reconciliation run",
                connection -> PlatformQueries.reconciliationRuns(connection, 1));
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

    private ReconciliationRun latest() {
        List<ReconciliationRun> latest = runs.latest();
        return latest == null || latest.isEmpty() ? null : latest.get(0);
    }
}
