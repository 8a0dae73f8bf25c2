package dev.ledgerstream.ledger.properties;

import dev.ledgerstream.ledger.identity.LedgerIds;
import dev.ledgerstream.ledger.lots.GrantLot;
import dev.ledgerstream.schemas.ingest.UsageFinalizationReceived;
import dev.ledgerstream.ledger.payment.IpnInput;
import dev.ledgerstream.schemas.ledger.Invariant;
import dev.ledgerstream.schemas.ledger.MintOutcome;
import dev.ledgerstream.schemas.ledger.TransitionOutcome;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A deliberately naive ledger written from SPEC 5 alone, sharing no rule code with production:
 * mutable objects, lookup tables instead of decimal arithmetic (it only knows the generated
 * prices), a list scan instead of a state machine. It predicts balances, totals, statuses and
 * which invariant violations the guard must report.
 */
final class ReferenceModel {

    static final class Lot {
        final String id;
        final long minted;
        final Instant created;
        final Instant expires;
        long remaining;
        long debited;
        long expired;
        long revoked;
        String status = "active";

        Lot(String id, long minted, Instant created, Instant expires) {
            this.id = id;
            this.minted = minted;
            this.remaining = minted;
            this.created = created;
            this.expires = expires;
        }
    }

    static final class Community {
        final Map<String, Lot> lots = new HashMap<>();
    }

    static final class Payment {
        String status;
        final Set<String> events = new HashSet<>();
        String community;
        String lotId;
        long credited;
        MintOutcome mint;
    }

    /** Credits of the prices the generator uses; 0 means below the minimum. */
    static final Map<String, Long> CREDITS = Map.of("5", 5_000_000L, "10", 10_500_000L, "25", 27_500_000L,
            "4.99", 0L, "5.000001", 5_000_001L, "12.5", 12_500_000L, "100", 100_000_000L, "10.00", 10_500_000L);

    static final List<List<String>> LADDER = List.of(List.of("waiting"), List.of("confirming"), List.of("confirmed"),
            List.of("sending"), List.of("partially_paid"), List.of("finished", "failed", "expired"), List.of("refunded"));

    private final Duration lotTtl;
    final Map<String, Payment> payments = new HashMap<>();
    final Map<String, Community> communities = new HashMap<>();
    final Map<Invariant, Integer> violations = new EnumMap<>(Invariant.class);
    final Map<TransitionOutcome, Integer> outcomes = new EnumMap<>(TransitionOutcome.class);
    /** Each community dedups on its own: (community, finalization id) → content of the version recorded first. */
    final Map<List<String>, String> contentByFinalization = new HashMap<>();
    /** The community that used a finalization id first, anywhere: only to report reuse by another community. */
    final Map<String, String> ownerByFinalization = new HashMap<>();
    /** (community, finalization id) → {debited, unfunded} of the community's one usage event for the id. */
    final Map<List<String>, long[]> usages = new HashMap<>();
    /**
     * Every I-6 report, in order: finalization id, the community of the version it is measured
     * against, the community it is filed under. A reuse by another community is reported on every
     * arrival; a conflict within a community on every arrival of other content.
     */
    final List<List<String>> conflicts = new ArrayList<>();
    /** How many usages were reported twice: reused from another community and in conflict in their own. */
    int reportedTwice;

    ReferenceModel(Duration lotTtl) {
        this.lotTtl = lotTtl;
    }

    void accept(Step step) {
        if (step instanceof Step.Notify notify) {
            notify(notify.ipn());
        } else if (step instanceof Step.Use use) {
            use(use.usage());
        } else if (step instanceof Step.Grant grant) {
            grant(grant.grant());
        } else if (step instanceof Step.Tick tick) {
            communities.values().forEach(community -> expire(community, tick.now()));
        }
    }

    private void notify(IpnInput ipn) {
        Payment payment = payments.get(ipn.paymentId());
        String status = ipn.status().wireName();
        TransitionOutcome outcome;
        if (payment == null) {
            outcome = TransitionOutcome.ACCEPTED;
        } else if (payment.events.contains(ipn.eventId()) || payment.status.equals(status)) {
            outcome = TransitionOutcome.DUPLICATE;
        } else {
            outcome = allowed(payment.status, status) ? TransitionOutcome.ACCEPTED : TransitionOutcome.STALE;
        }
        outcomes.merge(outcome, 1, Integer::sum);
        if (payment == null) {
            payment = new Payment();
            payments.put(ipn.paymentId(), payment);
        }
        payment.events.add(ipn.eventId());
        if (outcome == TransitionOutcome.ACCEPTED) {
            accepted(payment, ipn);
        }
    }

    private void accepted(Payment payment, IpnInput ipn) {
        String previous = payment.status;
        payment.status = ipn.status().wireName();
        String named = communityOf(ipn.orderId());
        if (payment.lotId == null && named != null) {
            payment.community = named;
        }
        if (payment.status.equals("partially_paid")) {
            payment.mint = MintOutcome.PARTIALLY_PAID;
        }
        if (payment.status.equals("finished")) {
            finish(payment, ipn);
        }
        if (payment.status.equals("refunded") && "finished".equals(previous) && payment.lotId != null) {
            revoke(communities.get(payment.community), payment.lotId, ipn.receivedAt());
        }
    }

    private void finish(Payment payment, IpnInput ipn) {
        long credits = CREDITS.get(ipn.priceAmount());
        if (ipn.parentPaymentId() != null) {
            payment.mint = MintOutcome.HELD_REPEAT_DEPOSIT;
        } else if (!ipn.priceCurrency().equals("usd") && !ipn.priceCurrency().equals("USD")) {
            payment.mint = MintOutcome.UNSUPPORTED_CURRENCY;
        } else if (credits == 0) {
            payment.mint = MintOutcome.BELOW_MINIMUM;
        } else if (payment.community == null) {
            payment.mint = MintOutcome.UNKNOWN_COMMUNITY;
        } else if (ipn.paidAtFiat() != null && !paidCovers(ipn.paidAtFiat(), ipn.priceAmount())) {
            payment.mint = MintOutcome.HELD_UNDERPAID;
        } else {
            payment.mint = MintOutcome.MINTED;
            payment.lotId = LedgerIds.lotForPayment(ipn.paymentId());
            payment.credited = credits;
            Instant expires = lotTtl == null ? null : ipn.receivedAt().plus(lotTtl);
            addLot(community(payment.community), new Lot(payment.lotId, credits, ipn.receivedAt(), expires));
        }
    }

    /** The generated paid values are plain decimals, or text that is no number (which pays nothing). */
    private static boolean paidCovers(String paid, String price) {
        return paid.matches("[0-9]+(\\.[0-9]+)?") && new BigDecimal(paid).compareTo(new BigDecimal(price)) >= 0;
    }

    private void grant(GrantLot grant) {
        Community community = community(grant.communityId());
        if (!community.lots.containsKey(grant.lotId())) {
            addLot(community, new Lot(grant.lotId(), grant.amountMicro(), grant.grantedAt(), grant.expiresAt()));
        }
    }

    private void addLot(Community community, Lot lot) {
        expire(community, lot.created);
        community.lots.put(lot.id, lot);
    }

    private void revoke(Community community, String lotId, Instant at) {
        expire(community, at);
        Lot lot = community.lots.get(lotId);
        lot.revoked += lot.remaining;
        lot.remaining = 0;
        lot.status = "revoked";
        if (lot.debited > 0) {
            violations.merge(Invariant.I_12, 1, Integer::sum);
        }
    }

    private void use(UsageFinalizationReceived usage) {
        String id = usage.finalizationId();
        String here = usage.communityId();
        String owner = ownerByFinalization.putIfAbsent(id, here);
        boolean reused = owner != null && !owner.equals(here);
        if (reused) {
            conflict(id, owner, here);
        }
        String content = usage.poolId() + "|" + usage.nftId() + "|" + usage.tokensInput() + "|" + usage.tokensOutput()
                + "|" + usage.amountMicro() + "|" + usage.reservationId() + "|" + usage.reservedMicro() + "|"
                + usage.occurredAt();
        String first = contentByFinalization.putIfAbsent(List.of(here, id), content);
        if (first != null) {
            if (!first.equals(content)) {
                conflict(id, here, here);
                reportedTwice += reused ? 1 : 0;
            }
            return;
        }
        Community community = community(usage.communityId());
        expire(community, usage.receivedAt());
        long left = usage.amountMicro();
        for (Lot lot : fifo(community)) {
            long take = Math.min(left, lot.remaining);
            lot.remaining -= take;
            lot.debited += take;
            left -= take;
        }
        usages.put(List.of(here, id), new long[] {usage.amountMicro() - left, left});
        if (left > 0) {
            violations.merge(Invariant.I_12, 1, Integer::sum);
        }
        if (usage.reservedMicro() != null && usage.amountMicro() > usage.reservedMicro()) {
            violations.merge(Invariant.I_10, 1, Integer::sum);
        }
    }

    private void conflict(String finalizationId, String firstCommunity, String filedUnder) {
        violations.merge(Invariant.I_6, 1, Integer::sum);
        conflicts.add(List.of(finalizationId, firstCommunity, filedUnder));
    }

    private static List<Lot> fifo(Community community) {
        List<Lot> lots = new ArrayList<>();
        for (Lot lot : community.lots.values()) {
            if (lot.status.equals("active") && lot.remaining > 0) {
                lots.add(lot);
            }
        }
        lots.sort(Comparator.comparing((Lot lot) -> lot.expires == null ? Instant.MAX : lot.expires)
                .thenComparing(lot -> lot.created).thenComparing(lot -> lot.id));
        return lots;
    }

    private static void expire(Community community, Instant now) {
        for (Lot lot : community.lots.values()) {
            // An exhausted lot has closed: it has nothing to write off, and keeps its status.
            if (lot.status.equals("active") && lot.remaining > 0 && lot.expires != null && !lot.expires.isAfter(now)) {
                lot.expired += lot.remaining;
                lot.remaining = 0;
                lot.status = "expired";
            }
        }
    }

    private Community community(String id) {
        return communities.computeIfAbsent(id, ignored -> new Community());
    }

    private static boolean allowed(String from, String to) {
        if (from.equals("failed") || from.equals("expired") || from.equals("refunded")) {
            return false;
        }
        if (from.equals("finished")) {
            return to.equals("refunded");
        }
        return !to.equals("refunded") && level(to) > level(from);
    }

    private static int level(String status) {
        for (int i = 0; i < LADDER.size(); i++) {
            if (LADDER.get(i).contains(status)) {
                return i;
            }
        }
        throw new IllegalArgumentException(status);
    }

    /** The generator's order ids: three communities, one with a suffix, and one naming none. */
    private static String communityOf(String orderId) {
        return orderId.startsWith("not-") ? null : orderId.substring(0, 36);
    }

    long total(String community, String what) {
        long sum = 0;
        for (Lot lot : communities.get(community).lots.values()) {
            sum += switch (what) {
                case "minted" -> lot.minted;
                case "remaining" -> lot.remaining;
                case "debited" -> lot.debited;
                case "expired" -> lot.expired;
                case "revoked" -> lot.revoked;
                default -> throw new IllegalArgumentException(what);
            };
        }
        return sum;
    }
}
