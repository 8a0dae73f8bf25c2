package dev.ledgerstream.schemas;

import dev.ledgerstream.schemas.ingest.IpnQuarantined;
import dev.ledgerstream.schemas.ingest.IpnReceived;
import dev.ledgerstream.schemas.ingest.UsageFinalizationReceived;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The topic catalog (SPEC 4): every topic declared once, with its serdes and configuration.
 * Renaming a topic is a breaking change that needs an ADR.
 */
public final class Topics {

    /**
     * Raw input topics are the source of truth for replays: never compacted, kept forever, and
     * written only when two replicas have them (min.insync.replicas is lowered for one-broker
     * local mode by the broker itself, not here).
     */
    static final Map<String, String> RAW = Map.of(
            "cleanup.policy", "delete",
            "retention.ms", "-1",
            "retention.bytes", "-1");

    private static final Serde<String> KEYS = Serdes.String();

    /** Verified NOWPayments IPNs, keyed by payment_id. */
    public static final TopicSpec<String, IpnReceived> PAYMENTS_IPN = new TopicSpec<>(
            "payments.ipn.v1", KEYS, new JsonSerde<>(IpnReceived.class, "payments.ipn.v1"), 6, RAW);

    /** Validly signed IPNs that break the rules (SPEC 3.1), keyed by payment_id or event_id. */
    public static final TopicSpec<String, IpnQuarantined> PAYMENTS_IPN_QUARANTINE = new TopicSpec<>(
            "payments.ipn.quarantine.v1", KEYS,
            new JsonSerde<>(IpnQuarantined.class, "payments.ipn.quarantine.v1"), 3, RAW);

    /** Verified usage finalizations, keyed by community_id. */
    public static final TopicSpec<String, UsageFinalizationReceived> USAGE_FINALIZATIONS = new TopicSpec<>(
            "usage.finalizations.v1", KEYS,
            new JsonSerde<>(UsageFinalizationReceived.class, "usage.finalizations.v1"), 6, RAW);

    private Topics() {
    }

    /** Every topic of the catalog, in a stable order. */
    public static List<TopicSpec<String, ?>> all() {
        return List.of(PAYMENTS_IPN, PAYMENTS_IPN_QUARANTINE, USAGE_FINALIZATIONS);
    }
}
