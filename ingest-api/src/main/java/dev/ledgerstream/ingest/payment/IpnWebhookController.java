package dev.ledgerstream.ingest.payment;

import dev.ledgerstream.ingest.ops.IngestMetrics;
import dev.ledgerstream.ingest.publish.EventPublisher;
import dev.ledgerstream.ingest.web.ApiProblem;
import dev.ledgerstream.ingest.web.RequestBodies;
import dev.ledgerstream.schemas.Topics;
import dev.ledgerstream.schemas.ingest.IpnQuarantined;
import dev.ledgerstream.schemas.ingest.IpnReceived;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/crypto/webhook} (SPEC 3.1): size limit (413), strict parse (400), signature
 * (401), rules (quarantine, still 200), then Kafka's acknowledgement before the 200. The canonical
 * form travels on the topic unchanged; identical notifications get the same {@code event_id}.
 */
@RestController
class IpnWebhookController {

    private final IpnVerifier verifier;
    private final EventPublisher publisher;
    private final IngestMetrics metrics;
    private final Clock clock;
    private final int maxBytes;

    IpnWebhookController(IpnVerifier verifier, EventPublisher publisher, IngestMetrics metrics, Clock clock,
            IpnLimits limits) {
        this.verifier = verifier;
        this.publisher = publisher;
        this.metrics = metrics;
        this.clock = clock;
        this.maxBytes = limits.maxBytes();
    }

    @PostMapping(path = "/api/crypto/webhook", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> receive(@RequestHeader(name = IpnVerifier.SIGNATURE_HEADER, required = false) String signature,
            HttpServletRequest request) {
        byte[] body = RequestBodies.read(request, maxBytes);
        VerifiedIpn ipn = verify(parse(body), signature);
        Instant receivedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        IpnCheck check = IpnRules.check(ipn);
        if (check instanceof IpnCheck.Quarantined quarantined) {
            IpnQuarantined record = new IpnQuarantined(ipn.eventId(),
                    quarantined.paymentId().map(id -> id.value()).orElse(null), quarantined.reason(), receivedAt,
                    ipn.canonicalJson());
            publisher.publish(List.of(new ProducerRecord<>(Topics.PAYMENTS_IPN_QUARANTINE.name(), record.key(),
                    Topics.PAYMENTS_IPN_QUARANTINE.valueSerde().toBytes(record))));
            metrics.quarantined(quarantined.reason());
            return Map.of("accepted", true, "quarantined", true, "reason", quarantined.reason(),
                    "event_id", ipn.eventId());
        }
        IpnCheck.Accepted accepted = (IpnCheck.Accepted) check;
        IpnReceived record = new IpnReceived(ipn.eventId(), accepted.paymentId().value(),
                ipn.signatureForm().name().toLowerCase(Locale.ROOT), receivedAt, ipn.canonicalJson());
        publisher.publish(List.of(new ProducerRecord<>(Topics.PAYMENTS_IPN.name(), record.paymentId(),
                Topics.PAYMENTS_IPN.valueSerde().toBytes(record))));
        metrics.accepted(Topics.PAYMENTS_IPN.name(), 1);
        return Map.of("accepted", true, "event_id", ipn.eventId());
    }

    private static JsonValue parse(byte[] body) {
        try {
            return StrictJsonParser.parse(body);
        } catch (MalformedJsonException e) {
            throw ApiProblem.badRequest("malformed-json", e.getMessage());
        }
    }

    private VerifiedIpn verify(JsonValue body, String signature) {
        try {
            return verifier.verify(body, signature);
        } catch (IpnSignatureException e) {
            throw ApiProblem.unauthorized("invalid-signature",
                    "the x-nowpayments-sig signature is " + e.reason().name().toLowerCase(Locale.ROOT));
        }
    }
}
