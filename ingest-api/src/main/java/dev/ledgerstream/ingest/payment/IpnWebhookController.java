package dev.ledgerstream.ingest.payment;

import dev.ledgerstream.ingest.web.RequestBodies;
import dev.ledgerstream.servicekit.web.ApiProblem;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/crypto/webhook} (SPEC 3.1): size limit (413), strict parse (400), signature
 * (401), rules (quarantine, still 200), then Kafka's acknowledgement before the 200 ({@link IpnIntake});
 * a dry run ({@value #DRY_RUN_HEADER}) stops after the signature. The canonical
 * form travels on the topic unchanged; identical notifications get the same {@code event_id}.
 */
@RestController
class IpnWebhookController {

    private static final Duration MAX_ORDER_WAIT = Duration.ofMillis(20);

    /**
     * With {@code true}, a notification is parsed and its signature verified, and nothing more: the
     * answer says so ({@code dry_run}), nothing reaches a topic. For the go/no-go check, which must
     * prove the secret without recording an event; a wrong signature is still a 401.
     */
    static final String DRY_RUN_HEADER = "x-ledgerstream-dry-run";

    private final IpnVerifier verifier;
    private final IpnIntake intake;
    private final Clock clock;
    private final int maxBytes;

    IpnWebhookController(IpnVerifier verifier, IpnIntake intake, Clock clock, IpnLimits limits) {
        this.verifier = verifier;
        this.intake = intake;
        this.clock = clock;
        this.maxBytes = limits.maxBytes();
    }

    @PostMapping(path = "/api/crypto/webhook", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> receive(@RequestHeader(name = IpnVerifier.SIGNATURE_HEADER, required = false) String signature,
            @RequestHeader(name = DRY_RUN_HEADER, required = false) String dryRun, HttpServletRequest request) {
        byte[] body = RequestBodies.read(request, maxBytes);
        VerifiedIpn ipn = verify(parse(body), signature);
        if ("true".equalsIgnoreCase(dryRun)) {
            // `./ledgerstream check`: the signature checked out with this secret; nothing is recorded.
            return Map.of("dry_run", true, "event_id", ipn.eventId(),
                    "signature_form", ipn.signatureForm().name().toLowerCase(java.util.Locale.ROOT));
        }
        IpnIntake.Outcome outcome = intake.accept(ipn, clock.instant().truncatedTo(ChronoUnit.MILLIS));
        if (outcome.quarantined()) {
            return Map.of("accepted", true, "quarantined", true, "reason", outcome.quarantineReason(),
                    "event_id", ipn.eventId());
        }
        passAppendMillisecond(outcome.appendedAtMillis());
        return Map.of("accepted", true, "event_id", ipn.eventId());
    }

    /**
     * Answers only once the millisecond in which the broker appended the notification has passed
     * (ADR 0011). The ledger orders a community's payments and usage by the broker's append time,
     * and usage appended in the same millisecond as a notification goes first; so usage that the
     * sender posts after this answer lands in a later millisecond and is debited against what this
     * notification mints. The wait is at most a millisecond on the broker's own clock, and bounded
     * for a broker whose clock runs ahead of this host's.
     */
    private static void passAppendMillisecond(long appendedAtMillis) {
        long deadline = System.nanoTime() + MAX_ORDER_WAIT.toNanos();
        while (System.currentTimeMillis() <= appendedAtMillis && System.nanoTime() < deadline) {
            LockSupport.parkNanos(100_000);
        }
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
