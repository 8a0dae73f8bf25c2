package dev.ledgerstream.bench;

import dev.ledgerstream.schemas.Topics;
import dev.ledgerstream.schemas.ingest.IpnReceived;
import dev.ledgerstream.schemas.ingest.UsageFinalizationReceived;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.function.LongFunction;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Records of the same topic, key and value size as the ingest API produces for one request's
 * event, serialized once with the catalog's serde: the reference pays for sending, not for
 * building values.
 *
 * @param label how the table names the record kind
 * @param topic the topic the ingest API writes such records to
 * @param keyOf the key of the n-th record, spread as the ingest API's keys are
 * @param value the serialized value
 */
record RecordShape(String label, String topic, LongFunction<String> keyOf, byte[] value) {

    /** A fixed receive time with three digits of milliseconds, so both shapes always have the same size. */
    private static final Instant RECEIVED_AT = Instant.parse("2026-11-22T09:15:31.123Z");

    /** For the table: {@code IPN record of 1,234 B}. */
    String describe() {
        return String.format(Locale.ROOT, "%s record of %,d B", label, value.length);
    }

    ProducerRecord<String, byte[]> record(long sequence) {
        return new ProducerRecord<>(topic, keyOf.apply(sequence), value);
    }

    /** What {@code POST /api/crypto/webhook} produces: an {@code IpnReceived} around the canonical form. */
    static RecordShape ipn() {
        long paymentId = 7_999_999_999L;
        String canonical = new String(IpnRequests.body(paymentId), StandardCharsets.UTF_8);
        IpnReceived received = new IpnReceived(sha256Hex(canonical), Long.toString(paymentId), "canonical",
                RECEIVED_AT, canonical);
        return new RecordShape("IPN", Topics.PAYMENTS_IPN.name(), n -> Long.toString(paymentId + n),
                Topics.PAYMENTS_IPN.valueSerde().toBytes(received));
    }

    /** What {@code POST /api/v1/usage/finalizations} produces per event. */
    static RecordShape usage() {
        UsageFinalizationReceived event = new UsageFinalizationReceived("bench-0a1b2c3d-0-123456",
                Communities.of(0), "cheap", "nft-7", 1200, 340, 851_234, "res-1", 900_000L,
                Instant.parse("2026-11-22T09:15:30.500Z"), RECEIVED_AT, "bench-publisher");
        return new RecordShape("usage", Topics.USAGE_FINALIZATIONS.name(), Communities::of,
                Topics.USAGE_FINALIZATIONS.valueSerde().toBytes(event));
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
