package dev.ledgerstream.ledger.properties;

import dev.ledgerstream.ledger.lots.GrantLot;
import dev.ledgerstream.schemas.ingest.UsageFinalizationReceived;
import dev.ledgerstream.ledger.payment.IpnInput;
import java.time.Instant;

/** One input of a generated scenario, in the order a replay would feed it. */
sealed interface Step {

    record Notify(IpnInput ipn) implements Step {
    }

    record Use(UsageFinalizationReceived usage) implements Step {
    }

    record Grant(GrantLot grant) implements Step {
    }

    /** The periodic expiry, run at stream time. */
    record Tick(Instant now) implements Step {
    }
}
