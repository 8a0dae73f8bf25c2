package dev.ledgerstream.ingest.recovery;

import dev.ledgerstream.ingest.payment.IpnCheck;
import dev.ledgerstream.ingest.payment.IpnIntake;
import dev.ledgerstream.ingest.payment.IpnRules;
import dev.ledgerstream.ingest.payment.MalformedJsonException;
import dev.ledgerstream.ingest.payment.StrictJsonParser;
import dev.ledgerstream.ingest.payment.VerifiedIpn;
import dev.ledgerstream.schemas.CommunityId;
import dev.ledgerstream.servicekit.web.ApiProblem;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stuck-payment recovery (SPEC 5.5, ADR 0016). Every {@code period}, it takes the payments whose
 * non-final status has not moved for {@code age} (least recently asked first, at most {@code batch}),
 * asks the provider's status API about each, and puts an answer that says something new through
 * {@link IpnIntake}, the webhook's own path: the rules, then {@code payments.ipn.v1}, where the ledger
 * decides it with the same state machine and idempotency as a notification (a status it has
 * already seen is a duplicate, a lower one stale; a payment mints once, whichever arrives first).
 *
 * <p>An answer is refused, and counted, when it is about another payment than the one asked, or
 * when its order names another community than the one the ledger credits the payment to: a
 * confused or lying API must not move credit. An answer with the status the ledger already has
 * is not sent (it would only add a duplicate). Failures of the provider, the database or Kafka
 * are logged and the payment is asked again on the next run.
 */
public final class StuckPaymentRecovery implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StuckPaymentRecovery.class);
    /** Payments read per run from the ledger, of which the least recently asked are asked. */
    private static final int CANDIDATES_PER_BATCH = 10;

    /** What happened to one payment asked about, the tag of {@code ingest_payment_polls_total}. */
    public enum Result {
        /** A new status, on {@code payments.ipn.v1}. */
        PUBLISHED,
        /** An answer that breaks the IPN rules, quarantined as a notification would be. */
        QUARANTINED,
        /** The status the ledger already has: nothing sent. */
        UNCHANGED,
        /** About another payment or another community: refused. */
        MISMATCHED,
        /** No usable answer (timeout, error status, not JSON) or Kafka did not take it: asked again later. */
        FAILED
    }

    /** The settings of the job. */
    public record Settings(Duration period, Duration age, int batch) {
        public Settings {
            if (period.isNegative() || period.isZero() || age.isNegative() || batch < 1) {
                throw new IllegalArgumentException("recovery period and batch must be positive, age not negative");
            }
        }
    }

    private final PaymentsInFlight inFlight;
    private final PaymentStatusApi api;
    private final IpnIntake intake;
    private final Clock clock;
    private final Settings settings;
    private final MeterRegistry registry;
    private final Map<String, Instant> lastAsked = new LinkedHashMap<>();
    private ScheduledExecutorService scheduler;

    public StuckPaymentRecovery(PaymentsInFlight inFlight, PaymentStatusApi api, IpnIntake intake, Clock clock,
            Settings settings, MeterRegistry registry) {
        this.inFlight = Objects.requireNonNull(inFlight, "inFlight");
        this.api = Objects.requireNonNull(api, "api");
        this.intake = Objects.requireNonNull(intake, "intake");
        this.clock = clock;
        this.settings = settings;
        this.registry = registry;
    }

    /** Runs every period on a thread of its own, the first run after at most a minute. */
    public synchronized void start() {
        if (scheduler != null) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "stuck-payment-recovery");
            thread.setDaemon(true);
            return thread;
        });
        long first = Math.min(settings.period().toMillis(), Duration.ofMinutes(1).toMillis());
        scheduler.scheduleWithFixedDelay(this::runSafely, first, settings.period().toMillis(), TimeUnit.MILLISECONDS);
        log.info("stuck-payment recovery is on: every {}, payments whose status stood still for {}, at most {} a run",
                settings.period(), settings.age(), settings.batch());
    }

    private void runSafely() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            log.warn("stuck-payment recovery run failed; trying again in {}: {}", settings.period(), String.valueOf(e));
        }
    }

    /** One run; returns how many payments had each result. */
    public synchronized Map<Result, Integer> runOnce() {
        Map<Result, Integer> results = new EnumMap<>(Result.class);
        Instant now = clock.instant();
        List<StuckPayment> candidates;
        try {
            candidates = inFlight.unchangedSince(now.minus(settings.age()), settings.batch() * CANDIDATES_PER_BATCH);
        } catch (java.sql.SQLException e) {
            log.warn("stuck-payment recovery cannot read the ledger (SQLState {}); trying again in {}: {}",
                    e.getSQLState(), settings.period(), e.getMessage());
            return results;
        }
        lastAsked.keySet().retainAll(candidates.stream().map(StuckPayment::paymentId).toList());
        List<StuckPayment> asked = candidates.stream()
                .sorted(Comparator.comparing((StuckPayment payment) -> lastAsked.getOrDefault(payment.paymentId(),
                        Instant.MIN)).thenComparing(StuckPayment::updatedAt))
                .limit(settings.batch()).toList();
        for (StuckPayment payment : asked) {
            lastAsked.put(payment.paymentId(), now);
            Result result = recover(payment);
            results.merge(result, 1, Integer::sum);
            registry.counter("ingest.payment.polls", "result", result.name().toLowerCase(java.util.Locale.ROOT))
                    .increment();
        }
        if (results.keySet().stream().anyMatch(result -> result != Result.UNCHANGED)) {
            log.info("stuck-payment recovery asked about {} payments: {}", asked.size(), results);
        }
        return results;
    }

    private Result recover(StuckPayment payment) {
        PaymentStatusApi.Answer answer = api.ask(payment.paymentId());
        if (answer instanceof PaymentStatusApi.Failure failure) {
            log.warn("the provider gave no usable status for payment {}: {}", payment.paymentId(), failure.why());
            return Result.FAILED;
        }
        VerifiedIpn said;
        try {
            said = VerifiedIpn.fromStatusApi(StrictJsonParser.parse(((PaymentStatusApi.Body) answer).bytes()));
        } catch (MalformedJsonException e) {
            log.warn("the provider's status of payment {} is not JSON: {}", payment.paymentId(), e.getMessage());
            return Result.FAILED;
        }
        IpnCheck check = IpnRules.check(said);
        if (check instanceof IpnCheck.Accepted accepted) {
            String mismatch = mismatch(payment, accepted);
            if (mismatch != null) {
                log.warn("refused the provider's status answer for payment {}: {} (event {})", payment.paymentId(),
                        mismatch, said.eventId());
                return Result.MISMATCHED;
            }
            if (accepted.status().wireName().equals(payment.status())) {
                return Result.UNCHANGED;
            }
        } else if (check instanceof IpnCheck.Quarantined quarantined && quarantined.paymentId()
                .filter(id -> !id.value().equals(payment.paymentId())).isPresent()) {
            log.warn("refused the provider's status answer for payment {}: it is about payment {}",
                    payment.paymentId(), quarantined.paymentId().get().value());
            return Result.MISMATCHED;
        }
        try {
            IpnIntake.Outcome outcome = intake.accept(check, clock.instant().truncatedTo(ChronoUnit.MILLIS));
            if (outcome.quarantined()) {
                log.warn("the provider's status of payment {} breaks the rules and was quarantined: {}",
                        payment.paymentId(), outcome.quarantineReason());
                return Result.QUARANTINED;
            }
            log.info("payment {} was {} in the ledger for {}; the provider says {}: recorded (event {})",
                    payment.paymentId(), payment.status(), Duration.between(payment.updatedAt(), clock.instant())
                            .truncatedTo(ChronoUnit.SECONDS), ((IpnCheck.Accepted) check).status().wireName(),
                    outcome.eventId());
            return Result.PUBLISHED;
        } catch (ApiProblem unavailable) {
            return Result.FAILED; // the publisher logged why; asked again on the next run
        }
    }

    /** Why an answer must not be used for {@code payment}, or null when it may. */
    private static String mismatch(StuckPayment payment, IpnCheck.Accepted answer) {
        if (!answer.paymentId().value().equals(payment.paymentId())) {
            return "it is about payment " + answer.paymentId().value();
        }
        String named = answer.communityId().map(CommunityId::value).orElse(null);
        if (payment.communityId() != null && !payment.communityId().equals(named)) {
            return "its order names " + (named == null ? "no community" : "community " + named)
                    + ", the ledger credits it to " + payment.communityId();
        }
        return null;
    }

    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }
}
