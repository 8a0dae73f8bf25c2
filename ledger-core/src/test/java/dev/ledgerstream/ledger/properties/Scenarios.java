package dev.ledgerstream.ledger.properties;

import static dev.ledgerstream.ledger.testing.LedgerFixtures.COMMUNITY_A;
import static dev.ledgerstream.ledger.testing.LedgerFixtures.COMMUNITY_B;
import static dev.ledgerstream.ledger.testing.LedgerFixtures.COMMUNITY_C;
import static dev.ledgerstream.ledger.testing.LedgerFixtures.T0;

import dev.ledgerstream.ledger.identity.LedgerIds;
import dev.ledgerstream.ledger.lots.GrantLot;
import dev.ledgerstream.schemas.ingest.UsageFinalizationReceived;
import dev.ledgerstream.ledger.payment.IpnInput;
import dev.ledgerstream.schemas.PaymentStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Generated scenarios: a few payments and communities, small value domains so that redeliveries,
 * duplicates by status, finalization conflicts, finalization ids reused across communities,
 * overspending, refunds and expiry all happen often.
 * Steps are generated without times; step {@code i} happens at minute {@code i + 1}.
 */
final class Scenarios {

    static final List<String> COMMUNITIES = List.of(COMMUNITY_A, COMMUNITY_B, COMMUNITY_C);

    /** Bounded so that no payment sees more distinct events than the decider remembers. */
    static final int MAX_STEPS = 30;

    sealed interface Blueprint {
    }

    /** A notification; {@code paidAtFiat} null when not reported, {@code parent} set for a repeat deposit. */
    record IpnB(String paymentId, PaymentStatus status, String price, String currency, String orderId, String paidAtFiat,
            String parent, int nonce) implements Blueprint {
    }

    /** A payment that finishes straight away with a creditable price: makes spend-then-refund likely. */
    record PurchaseB(String paymentId, int community, String price) implements Blueprint {
    }

    record RefundB(String paymentId) implements Blueprint {
    }

    /**
     * Usage; a {@code shared} finalization id is one that every community may use, so that the same
     * id arrives from two communities (recorded in both, reported as an I-6 violation).
     */
    record UseB(int community, int finalization, boolean shared, long amountMicro, Long reservedMicro, int variant)
            implements Blueprint {
    }

    record GrantB(int community, long amountMicro, Integer ttlMinutes) implements Blueprint {
    }

    record TickB() implements Blueprint {
    }

    /** Deliver again the step {@code back} places earlier (a redelivery or a resend). */
    record RepeatB(int back) implements Blueprint {
    }

    private Scenarios() {
    }

    static Arbitrary<List<Blueprint>> blueprints() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, ipn()), Tuple.of(6, use()), Tuple.of(1, grant()), Tuple.of(3, purchase()),
                Tuple.of(2, Arbitraries.of("7", "8").map(RefundB::new)),
                Tuple.of(2, Arbitraries.just(new TickB())), Tuple.of(3, Arbitraries.integers().between(0, 10).map(RepeatB::new)))
                .list().ofMinSize(1).ofMaxSize(MAX_STEPS);
    }

    /** No TTL, or one short enough to expire lots within a scenario. */
    static Arbitrary<Duration> lotTtl() {
        return Arbitraries.of(Duration.ZERO, Duration.ofMinutes(5), Duration.ofMinutes(15));
    }

    private static Arbitrary<Blueprint> ipn() {
        return Combinators.combine(
                Arbitraries.of("1", "2", "3"),
                Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.of(PaymentStatus.values())),
                        Tuple.of(4, Arbitraries.just(PaymentStatus.FINISHED)),
                        Tuple.of(3, Arbitraries.just(PaymentStatus.REFUNDED))),
                Arbitraries.of("5", "10", "25", "4.99", "5.000001", "12.5", "100", "10.00"),
                Arbitraries.frequency(Tuple.of(5, "usd"), Tuple.of(2, "USD"), Tuple.of(1, "eur")),
                Arbitraries.of(COMMUNITY_A, COMMUNITY_B + ":standard", COMMUNITY_C, "not-a-community"),
                Arbitraries.frequency(Tuple.of(6, NOT_REPORTED), Tuple.of(2, "25"), Tuple.of(1, "9.88"),
                        Tuple.of(1, "10.00"), Tuple.of(1, "n/a")),
                Arbitraries.frequency(Tuple.of(8, NOT_REPORTED), Tuple.of(1, "5524759000")),
                Arbitraries.integers().between(0, 1))
                .as((payment, status, price, currency, order, paid, parent, nonce) -> new IpnB(payment, status, price,
                        currency, order, reported(paid), reported(parent), nonce));
    }

    /** jqwik generates no nulls from a list of values: this stands for a field the provider left out. */
    private static final String NOT_REPORTED = "";

    private static String reported(String value) {
        return value.equals(NOT_REPORTED) ? null : value;
    }

    private static Arbitrary<Blueprint> purchase() {
        return Combinators.combine(Arbitraries.of("7", "8"), Arbitraries.integers().between(0, 2),
                Arbitraries.of("5", "10", "25")).as(PurchaseB::new);
    }

    private static Arbitrary<Blueprint> use() {
        Arbitrary<Long> amount = Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(0L)),
                Tuple.of(4, Arbitraries.longs().between(1, 2_000_000)),
                Tuple.of(3, Arbitraries.longs().between(2_000_000, 30_000_000)));
        return Combinators.combine(
                Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, 4),
                Arbitraries.integers().between(0, 2).map(shared -> shared == 0), amount,
                Arbitraries.integers().between(-1, 1), Arbitraries.integers().between(0, 1))
                .as((community, finalization, shared, amountMicro, reservation, variant) -> new UseB(community,
                        finalization, shared, amountMicro,
                        reservation < 0 ? null : Math.max(0, amountMicro - 1 + 2L * reservation), variant));
    }

    private static Arbitrary<Blueprint> grant() {
        return Combinators.combine(
                Arbitraries.integers().between(0, 2), Arbitraries.longs().between(1, 8_000_000),
                Arbitraries.of(0, 3, 10))
                .as((community, amount, ttl) -> new GrantB(community, amount, ttl == 0 ? null : ttl));
    }

    /** Resolves repeats and gives every step its time. */
    static List<Step> steps(List<Blueprint> blueprints) {
        List<Blueprint> resolved = new ArrayList<>();
        for (Blueprint blueprint : blueprints) {
            if (blueprint instanceof RepeatB repeat) {
                if (!resolved.isEmpty()) {
                    resolved.add(resolved.get(resolved.size() - 1 - repeat.back() % resolved.size()));
                }
            } else {
                resolved.add(blueprint);
            }
        }
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < resolved.size(); i++) {
            steps.add(step(resolved.get(i), T0.plus(Duration.ofMinutes(i + 1L)), "grant-" + resolved.indexOf(resolved.get(i))));
        }
        return steps;
    }

    private static Step notify(IpnB ipn, Instant at) {
        String eventId = LedgerIds.sha256Hex(String.join("|", ipn.paymentId(), ipn.status().wireName(), ipn.price(),
                ipn.currency(), ipn.orderId(), String.valueOf(ipn.paidAtFiat()), String.valueOf(ipn.parent()),
                Integer.toString(ipn.nonce())));
        return new Step.Notify(new IpnInput(ipn.paymentId(), eventId, ipn.status(), ipn.price(), ipn.currency(),
                ipn.orderId(), at, ipn.paidAtFiat(), ipn.parent()));
    }

    private static Step step(Blueprint blueprint, Instant at, String grantId) {
        if (blueprint instanceof IpnB ipn) {
            return notify(ipn, at);
        }
        if (blueprint instanceof PurchaseB purchase) {
            return notify(new IpnB(purchase.paymentId(), PaymentStatus.FINISHED, purchase.price(), "usd",
                    COMMUNITIES.get(purchase.community()), purchase.price(), null, 0), at);
        }
        if (blueprint instanceof RefundB refund) {
            return notify(new IpnB(refund.paymentId(), PaymentStatus.REFUNDED, "10", "usd", COMMUNITY_A, null, null, 0),
                    at);
        }
        if (blueprint instanceof UseB use) {
            String community = COMMUNITIES.get(use.community());
            // Fewer shared ids than own ones, so that a shared id often comes from two communities.
            String finalizationId = use.shared() ? "fin-" + use.finalization() % 2
                    : "fin-" + use.community() + "-" + use.finalization();
            return new Step.Use(new UsageFinalizationReceived(finalizationId, community, "cheap",
                    null, 100 + use.variant(), 50, use.amountMicro(),
                    use.reservedMicro() == null ? null : "res-" + use.finalization(), use.reservedMicro(), T0, at, "test"));
        }
        if (blueprint instanceof GrantB grant) {
            Instant expiresAt = grant.ttlMinutes() == null ? null : at.plus(Duration.ofMinutes(grant.ttlMinutes()));
            return new Step.Grant(new GrantLot(grantId, COMMUNITIES.get(grant.community()), grant.amountMicro(), at,
                    expiresAt));
        }
        return new Step.Tick(at);
    }
}
