package dev.ledgerstream.ingest.payment;

import dev.ledgerstream.ingest.ops.IngestMetrics;
import dev.ledgerstream.ingest.publish.EventPublisher;
import dev.ledgerstream.schemas.Topics;
import dev.ledgerstream.schemas.ingest.IpnQuarantined;
import dev.ledgerstream.schemas.ingest.IpnReceived;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * What the provider said about a payment, onto the raw topics: the rules (SPEC 3.1), then
 * {@code payments.ipn.v1} keyed by the community the order names, or the quarantine topic, and
 * Kafka's acknowledgement. One place for both ways the provider speaks: a signed notification
 * ({@link IpnWebhookController}) and an answer of its status API (the stuck-payment recovery).
 */
public final class IpnIntake {

    /**
     * What became of one notification or answer.
     *
     * @param quarantineReason why it was quarantined; null when it went to {@code payments.ipn.v1}
     * @param appendedAtMillis the broker's append time of the record
     */
    public record Outcome(String eventId, String quarantineReason, long appendedAtMillis) {

        public boolean quarantined() {
            return quarantineReason != null;
        }
    }

    private final EventPublisher publisher;
    private final IngestMetrics metrics;

    public IpnIntake(EventPublisher publisher, IngestMetrics metrics) {
        this.publisher = publisher;
        this.metrics = metrics;
    }

    /** Checks {@code ipn} against the rules and puts it on its topic; throws the publisher's 503 problem. */
    public Outcome accept(VerifiedIpn ipn, Instant receivedAt) {
        return accept(IpnRules.check(ipn), receivedAt);
    }

    /** Puts a notification the rules have checked ({@link IpnRules#check}) on its topic. */
    public Outcome accept(IpnCheck check, Instant receivedAt) {
        VerifiedIpn ipn = check.ipn();
        if (check instanceof IpnCheck.Quarantined quarantined) {
            IpnQuarantined record = new IpnQuarantined(ipn.eventId(),
                    quarantined.paymentId().map(id -> id.value()).orElse(null), quarantined.reason(), receivedAt,
                    ipn.canonicalJson());
            List<RecordMetadata> acks = publisher.publish(List.of(new ProducerRecord<>(
                    Topics.PAYMENTS_IPN_QUARANTINE.name(), record.key(),
                    Topics.PAYMENTS_IPN_QUARANTINE.valueSerde().toBytes(record))));
            metrics.quarantined(quarantined.reason());
            return new Outcome(ipn.eventId(), quarantined.reason(), acks.get(0).timestamp());
        }
        IpnCheck.Accepted accepted = (IpnCheck.Accepted) check;
        IpnReceived record = new IpnReceived(ipn.eventId(), accepted.paymentId().value(),
                ipn.signatureForm().name().toLowerCase(Locale.ROOT), receivedAt, ipn.canonicalJson());
        String key = IpnReceived.topicKey(accepted.orderId(), record.paymentId());
        List<RecordMetadata> acks = publisher.publish(List.of(new ProducerRecord<>(Topics.PAYMENTS_IPN.name(), key,
                Topics.PAYMENTS_IPN.valueSerde().toBytes(record))));
        metrics.accepted(Topics.PAYMENTS_IPN.name(), 1);
        return new Outcome(ipn.eventId(), null, acks.get(0).timestamp());
    }
}
