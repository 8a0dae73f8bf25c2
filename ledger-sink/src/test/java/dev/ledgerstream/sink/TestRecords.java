package dev.ledgerstream.sink;

import dev.ledgerstream.schemas.PaymentStatus;
import dev.ledgerstream.schemas.TopicSpec;
import dev.ledgerstream.schemas.Topics;
import dev.ledgerstream.schemas.ingest.ChargingMode;
import dev.ledgerstream.schemas.ingest.IpnReceived;
import dev.ledgerstream.schemas.ledger.EntryType;
import dev.ledgerstream.schemas.ledger.GuardOutcome;
import dev.ledgerstream.schemas.ledger.GuardViolation;
import dev.ledgerstream.schemas.ledger.Invariant;
import dev.ledgerstream.schemas.ledger.LedgerEntry;
import dev.ledgerstream.schemas.ledger.LedgerRecord;
import dev.ledgerstream.schemas.ledger.LotDebit;
import dev.ledgerstream.schemas.ledger.LotSource;
import dev.ledgerstream.schemas.ledger.MintOutcome;
import dev.ledgerstream.schemas.ledger.PaymentOutcome;
import dev.ledgerstream.schemas.ledger.TransitionOutcome;
import dev.ledgerstream.schemas.ledger.UsageRecorded;
import dev.ledgerstream.sink.write.SinkRecord;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/** Ledger records for tests, and their form as records read from their topics. */
final class TestRecords {

    static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

    /** Offsets start somewhere new for every instance, so that tests sharing a database never share one. */
    private final AtomicLong offsets = new AtomicLong(ThreadLocalRandom.current().nextLong(1L << 40) * 1000);

    static LedgerEntry mint(String community, String lotId, String paymentId, long amountMicro) {
        return new LedgerEntry("mint:" + lotId, community, lotId, EntryType.LOT_MINTED, amountMicro, LotSource.PAYMENT,
                paymentId, null, null, T0, null, T0);
    }

    static LedgerEntry debit(String community, String lotId, String paymentId, String finalizationId,
            long amountMicro) {
        return new LedgerEntry("debit:" + finalizationId + ":" + lotId, community, lotId, EntryType.LOT_DEBITED,
                amountMicro, LotSource.PAYMENT, paymentId, null, finalizationId, null, null, T0.plusSeconds(60));
    }

    static UsageRecorded usage(String community, String finalizationId, String lotId, long amountMicro) {
        return new UsageRecorded(finalizationId, community, "cheap", "nft-1", 100, 50, amountMicro, null, null,
                amountMicro, 0, List.of(new LotDebit(lotId, amountMicro)), ChargingMode.LIVE, 0L, List.of(),
                GuardOutcome.PASS, sha256(finalizationId), T0.plusSeconds(60), T0.plusSeconds(61));
    }

    static PaymentOutcome accepted(String community, String paymentId, PaymentStatus status, PaymentStatus previous,
            String lotId, long creditedMicro, Instant at) {
        String eventId = sha256(paymentId + status);
        return new PaymentOutcome("payment:" + paymentId + ":" + eventId + ":accepted", paymentId, eventId, community,
                status, previous, TransitionOutcome.ACCEPTED,
                status == PaymentStatus.FINISHED ? MintOutcome.MINTED : null, lotId, creditedMicro, "10", "usd",
                community + ":pack", at);
    }

    static GuardViolation violation(String community, String subject) {
        return new GuardViolation("violation:I-12:" + sha256(subject).substring(0, 32), Invariant.I_12, community,
                Map.of("reason", "unfunded_usage", "finalization_id", subject), T0);
    }

    static IpnReceived ipn(long paymentId, String status) {
        String canonical = "{\"order_id\":\"x\",\"payment_id\":" + paymentId + ",\"payment_status\":\"" + status
                + "\",\"price_amount\":10,\"price_currency\":\"usd\"}";
        return new IpnReceived(sha256(canonical), Long.toString(paymentId), "canonical", T0, canonical);
    }

    /** {@code value} as read from its topic, at the next offset of partition 0. */
    SinkRecord read(LedgerRecord value) {
        return raw(Topics.of(value).name(), value.key(), Topics.valueBytes(value));
    }

    <V> SinkRecord read(TopicSpec<String, V> topic, String key, V value) {
        return raw(topic.name(), key, topic.valueSerde().toBytes(value));
    }

    SinkRecord raw(String topic, String key, byte[] value) {
        return new SinkRecord(topic, 0, offsets.getAndIncrement(), T0.toEpochMilli(),
                key == null ? null : key.getBytes(StandardCharsets.UTF_8), value, List.of());
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
