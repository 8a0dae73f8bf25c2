package dev.ledgerstream.admin.actions;

import dev.ledgerstream.admin.platform.PeriodicRead;
import dev.ledgerstream.admin.tenant.TenantReads;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The charging switch (SPEC 5.5) on the admin API's {@code /metrics}, so that a dashboard and an
 * alert show it: {@code ledger_charging_shadow{scope="global"}} and
 * {@code ledger_minting_paused{scope="global"}} (1 when set, 0 when live), and
 * {@code ledger_charging_shadow{scope="community"}} / {@code ledger_minting_paused{scope="community"}},
 * the number of communities with their own such setting. NaN while the ledger cannot be read.
 */
public final class ChargingModeGauges {

    /** The most scopes one read returns; a handful of communities have a setting of their own. */
    static final int MAX_SCOPES = 10_000;

    private final PeriodicRead<List<ModeView>> modes;

    public ChargingModeGauges(TenantReads reads, MeterRegistry registry, Clock clock, Duration maxAge) {
        this.modes = new PeriodicRead<>(reads, clock, maxAge, "the charging modes",
                connection -> ActionQueries.modes(connection, MAX_SCOPES));
        gauge(registry, "ledger.charging.shadow", "global", "Charging in shadow mode for every community (1) or not (0)",
                all -> "shadow".equals(ModeView.global(all).charging()) ? 1 : 0);
        gauge(registry, "ledger.minting.paused", "global", "Minting paused for every community (1) or not (0)",
                all -> "paused".equals(ModeView.global(all).minting()) ? 1 : 0);
        gauge(registry, "ledger.charging.shadow", "community", "Communities whose own charging mode is shadow",
                all -> ModeView.communitiesNotLive(all).stream().filter(mode -> "shadow".equals(mode.charging())).count());
        gauge(registry, "ledger.minting.paused", "community", "Communities whose own minting is paused",
                all -> ModeView.communitiesNotLive(all).stream().filter(mode -> "paused".equals(mode.minting())).count());
    }

    private void gauge(MeterRegistry registry, String name, String scope, String description,
            ToDoubleFunction<List<ModeView>> value) {
        Gauge.builder(name, this, gauges -> {
                    List<ModeView> all = gauges.modes.latest();
                    return all == null ? Double.NaN : value.applyAsDouble(all);
                })
                .tag("scope", scope).description(description).register(registry);
    }
}
