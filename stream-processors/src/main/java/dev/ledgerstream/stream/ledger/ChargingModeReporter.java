package dev.ledgerstream.stream.ledger;

import dev.ledgerstream.schemas.ingest.ActionKind;
import dev.ledgerstream.schemas.ingest.ChargingMode;
import dev.ledgerstream.schemas.ledger.ActionOutcome;
import dev.ledgerstream.schemas.ledger.ActionResult;
import dev.ledgerstream.schemas.ledger.LedgerRecord;
import dev.ledgerstream.schemas.ledger.MintOutcome;
import dev.ledgerstream.schemas.ledger.PaymentOutcome;
import dev.ledgerstream.schemas.ledger.UsageRecorded;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the charging switch visible where the ledger applies it (SPEC 5.5, ADR 0018):
 * {@code ledger_usage_shadow_total} and {@code ledger_usage_shadow_micro_total} count usage recorded
 * in shadow mode and the credit it waived, {@code ledger_mints_held_paused_total} the payments held
 * because minting was paused, and each mode change a task applies is logged once at INFO.
 */
public final class ChargingModeReporter {

    private static final Logger LOG = LoggerFactory.getLogger(ChargingModeReporter.class);

    private final Counter shadowUsage;
    private final Counter shadowMicro;
    private final Counter heldPaused;

    public ChargingModeReporter(MeterRegistry registry) {
        this.shadowUsage = Counter.builder("ledger.usage.shadow")
                .description("Usage events recorded in shadow mode: nothing debited").register(registry);
        this.shadowMicro = Counter.builder("ledger.usage.shadow.micro")
                .description("Micro-credits of usage waived in shadow mode").register(registry);
        this.heldPaused = Counter.builder("ledger.mints.held.paused")
                .description("Finished payments held because minting was paused").register(registry);
    }

    /** Counts or logs {@code record} when it is one the charging switch shaped. */
    public void report(LedgerRecord record) {
        if (record instanceof UsageRecorded usage && usage.chargingMode() == ChargingMode.SHADOW) {
            shadowUsage.increment();
            shadowMicro.increment(usage.waivedMicro());
        } else if (record instanceof PaymentOutcome payment && payment.mintOutcome() == MintOutcome.HELD_PAUSED) {
            heldPaused.increment();
        } else if (record instanceof ActionOutcome action && action.kind() == ActionKind.SET_CHARGING_MODE
                && action.result() == ActionResult.APPLIED) {
            LOG.info("charging mode set: scope={} charging={} minting={} actor={} action_id={} reason={}",
                    action.communityId() == null ? "all communities" : action.communityId(),
                    action.charging().wireName(), action.minting().wireName(), action.actor(), action.actionId(),
                    action.reason());
        }
    }
}
