package dev.ledgerstream.ingest.usage;

import dev.ledgerstream.ingest.auth.UsageAuthenticator;
import dev.ledgerstream.ingest.ops.IngestMetrics;
import dev.ledgerstream.ingest.publish.EventPublisher;
import dev.ledgerstream.ingest.web.RequestBodies;
import dev.ledgerstream.jwt.VerifiedToken;
import dev.ledgerstream.schemas.Topics;
import dev.ledgerstream.schemas.ingest.UsageFinalizationReceived;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/usage/finalizations}: one event or a batch, all or nothing, answered 202
 * only once Kafka acknowledged every event. Re-sending is safe: the ledger deduplicates by
 * {@code finalization_id}.
 */
@RestController
class UsageController {

    private final UsageAuthenticator authenticator;
    private final UsageRequestParser parser;
    private final EventPublisher publisher;
    private final IngestMetrics metrics;
    private final Clock clock;
    private final int maxBytes;

    UsageController(UsageAuthenticator authenticator, EventPublisher publisher, IngestMetrics metrics, Clock clock,
            UsageLimits limits) {
        this.authenticator = authenticator;
        this.parser = new UsageRequestParser(limits);
        this.publisher = publisher;
        this.metrics = metrics;
        this.clock = clock;
        this.maxBytes = limits.maxBytes();
    }

    @PostMapping(path = "/api/v1/usage/finalizations", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Integer>> finalize(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            HttpServletRequest request) {
        VerifiedToken token = authenticator.authenticate(authorization);
        byte[] body = RequestBodies.read(request, maxBytes);
        List<UsageFinalizationReceived> events =
                parser.parse(body, clock.instant().truncatedTo(ChronoUnit.MILLIS), token.subject());
        authenticator.requireCommunities(token, UsageRequestParser.communities(events));
        // Nothing is produced until every event is valid and within the token's community.
        publisher.publish(events.stream().map(UsageController::record).toList());
        metrics.accepted(Topics.USAGE_FINALIZATIONS.name(), events.size());
        return ResponseEntity.accepted().body(Map.of("accepted", events.size()));
    }

    private static ProducerRecord<String, byte[]> record(UsageFinalizationReceived event) {
        return new ProducerRecord<>(Topics.USAGE_FINALIZATIONS.name(), event.communityId(),
                Topics.USAGE_FINALIZATIONS.valueSerde().toBytes(event));
    }
}
