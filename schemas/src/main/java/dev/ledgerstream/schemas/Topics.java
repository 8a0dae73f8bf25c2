package dev.ledgerstream.schemas;

import dev.ledgerstream.schemas.ingest.IpnQuarantined;
import dev.ledgerstream.schemas.ingest.OperatorAction;
import dev.ledgerstream.schemas.ingest.IpnReceived;
import dev.ledgerstream.schemas.ingest.UsageFinalizationReceived;
import dev.ledgerstream.schemas.ledger.ActionOutcome;
import dev.ledgerstream.schemas.ledger.GuardViolation;
import dev.ledgerstream.schemas.ledger.LedgerEntry;
import dev.ledgerstream.schemas.ledger.LedgerRecord;
import dev.ledgerstream.schemas.ledger.PaymentOutcome;
import dev.ledgerstream.schemas.ledger.UsageRecorded;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The topic catalog (SPEC 4): every topic declared once, with its serdes and configuration.
 * Renaming a topic is a breaking change that needs an ADR.
 */
public final class Topics {

    /**
     * Raw input topics are the source of truth for replays: never compacted, kept forever. The
     * ledger topics are kept forever too, so that a new sink or an audit can re-read them; they
     * can always be rebuilt from the raw topics.
     */
    static final Map<String, String> KEPT_FOREVER = Map.of(
            "cleanup.policy", "delete",
            "retention.ms", "-1",
            "retention.bytes", "-1");

    /**
     * The raw topics that move a community's credit are also the source of its order (ADR 0011):
     * the broker stamps each record with the time it appended it, so a record's timestamp says
     * when Kafka had it, which is what an acknowledgement promises the sender. Usage sent after its
     * payment's notification was answered 200 is appended after it, and carries a later timestamp.
     */
    static final Map<String, String> RAW_ORDERED = Map.of(
            "cleanup.policy", "delete",
            "retention.ms", "-1",
            "retention.bytes", "-1",
            "message.timestamp.type", "LogAppendTime");

    private static final Serde<String> KEYS = Serdes.String();

    /**
     * Verified NOWPayments IPNs, keyed by the community their {@code order_id} names (the payment id
     * when it names none), so that a community's payments and usage are co-partitioned.
     */
    public static final TopicSpec<String, IpnReceived> PAYMENTS_IPN = new TopicSpec<>(
            "payments.ipn.v1", KEYS, new JsonSerde<>(IpnReceived.class, "payments.ipn.v1"), 6, RAW_ORDERED);

    /** Validly signed IPNs that break the rules (SPEC 3.1), keyed by payment_id or event_id. */
    public static final TopicSpec<String, IpnQuarantined> PAYMENTS_IPN_QUARANTINE = new TopicSpec<>(
            "payments.ipn.quarantine.v1", KEYS,
            new JsonSerde<>(IpnQuarantined.class, "payments.ipn.quarantine.v1"), 3, KEPT_FOREVER);

    /** Verified usage finalizations, keyed by community_id. */
    public static final TopicSpec<String, UsageFinalizationReceived> USAGE_FINALIZATIONS = new TopicSpec<>(
            "usage.finalizations.v1", KEYS,
            new JsonSerde<>(UsageFinalizationReceived.class, "usage.finalizations.v1"), 6, RAW_ORDERED);

    /**
     * Operators' grants, releases and dismissals (SPEC 5.5), written by the admin API: raw input the
     * community task orders with the other two (ADR 0015), keyed like what each one touches.
     */
    public static final TopicSpec<String, OperatorAction> OPERATOR_ACTIONS = new TopicSpec<>(
            "operator.actions.v1", KEYS, new JsonSerde<>(OperatorAction.class, "operator.actions.v1"), 6, RAW_ORDERED);

    /** Payment notification outcomes (accepted, stale, duplicate), keyed by payment_id. */
    public static final TopicSpec<String, PaymentOutcome> LEDGER_PAYMENTS = new TopicSpec<>(
            "ledger.payments.v1", KEYS, new JsonSerde<>(PaymentOutcome.class, "ledger.payments.v1"), 6, KEPT_FOREVER);

    /** Lot minted / debited / expired / revoked, keyed by community_id. */
    public static final TopicSpec<String, LedgerEntry> LEDGER_ENTRIES = new TopicSpec<>(
            "ledger.entries.v1", KEYS, new JsonSerde<>(LedgerEntry.class, "ledger.entries.v1"), 6, KEPT_FOREVER);

    /** One record per finalization with its debits and guard result, keyed by community_id. */
    public static final TopicSpec<String, UsageRecorded> LEDGER_USAGE_EVENTS = new TopicSpec<>(
            "ledger.usage-events.v1", KEYS, new JsonSerde<>(UsageRecorded.class, "ledger.usage-events.v1"), 6,
            KEPT_FOREVER);

    /** Every invariant failure, keyed by community_id (or {@code system}). */
    public static final TopicSpec<String, GuardViolation> LEDGER_GUARD_VIOLATIONS = new TopicSpec<>(
            "ledger.guard-violations.v1", KEYS,
            new JsonSerde<>(GuardViolation.class, "ledger.guard-violations.v1"), 6, KEPT_FOREVER);

    /** What each operator's action did, keyed by its community (its payment when that names none). */
    public static final TopicSpec<String, ActionOutcome> LEDGER_OPERATOR_ACTIONS = new TopicSpec<>(
            "ledger.operator-actions.v1", KEYS,
            new JsonSerde<>(ActionOutcome.class, "ledger.operator-actions.v1"), 6, KEPT_FOREVER);

    /**
     * Where records that came from an internal topic (a repartition topic) and could not be
     * processed go: internal topics have no catalog entry of their own.
     */
    public static final String INTERNAL_DEAD_LETTERS = "ledger.internal.dlq.v1";

    private static final Pattern VERSIONED = Pattern.compile("(.+)(\\.v[0-9]+)");

    private Topics() {
    }

    /**
     * The ledger topic a ledger record is written to (SPEC 4): the one mapping from a record's type
     * to its topic, used by the topology, {@code rebuild} and the tests that produce ledger records.
     */
    public static TopicSpec<String, ? extends LedgerRecord> of(LedgerRecord record) {
        if (record instanceof PaymentOutcome) {
            return LEDGER_PAYMENTS;
        }
        if (record instanceof LedgerEntry) {
            return LEDGER_ENTRIES;
        }
        if (record instanceof UsageRecorded) {
            return LEDGER_USAGE_EVENTS;
        }
        if (record instanceof GuardViolation) {
            return LEDGER_GUARD_VIOLATIONS;
        }
        if (record instanceof ActionOutcome) {
            return LEDGER_OPERATOR_ACTIONS;
        }
        throw new IllegalArgumentException("no ledger topic for " + record.getClass().getName());
    }

    /** {@code record}'s value on {@link #of its topic}, serialized (and validated) by that topic's serde. */
    public static byte[] valueBytes(LedgerRecord record) {
        return bytes(of(record), record);
    }

    @SuppressWarnings("unchecked") // of(record) chose the topic by the record's type
    private static <V extends LedgerRecord> byte[] bytes(TopicSpec<String, V> topic, LedgerRecord record) {
        return topic.valueSerde().toBytes((V) record);
    }

    /**
     * The dead-letter topic of any topic: {@code <name>.dlq.v<major>} for a catalog topic
     * ({@code payments.ipn.v1} → {@code payments.ipn.dlq.v1}), {@link #INTERNAL_DEAD_LETTERS} for
     * anything else.
     */
    public static String deadLetterTopicOf(String topic) {
        Matcher versioned = VERSIONED.matcher(topic);
        return versioned.matches() ? versioned.group(1) + ".dlq" + versioned.group(2) : INTERNAL_DEAD_LETTERS;
    }

    /** Every topic of the catalog, in a stable order. */
    public static List<TopicSpec<String, ?>> all() {
        return List.of(PAYMENTS_IPN, PAYMENTS_IPN_QUARANTINE, USAGE_FINALIZATIONS, OPERATOR_ACTIONS,
                LEDGER_PAYMENTS, LEDGER_ENTRIES, LEDGER_USAGE_EVENTS, LEDGER_GUARD_VIOLATIONS, LEDGER_OPERATOR_ACTIONS);
    }

    /**
     * The raw topics a community task reads and orders (ADR 0011, 0015): co-partitioned, stamped
     * with the broker's append time, and replayed by {@code reconcile} and {@code rebuild}.
     */
    public static List<TopicSpec<String, ?>> communityInputs() {
        return List.of(PAYMENTS_IPN, USAGE_FINALIZATIONS, OPERATOR_ACTIONS);
    }
}
