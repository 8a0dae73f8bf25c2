package dev.ledgerstream.stream;

import dev.ledgerstream.schemas.ingest.IpnReceived;
import dev.ledgerstream.schemas.ingest.UsageFinalizationReceived;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * A seeded mixed workload: payments through their statuses (with duplicates, reorderings,
 * partial payments, failures, refunds, other currencies, amounts below the minimum), then usage
 * (with duplicates, conflicting repeats and overspends). Payments come first so that every lot
 * exists before any usage: then the per-lot and per-community totals do not depend on how the
 * partitions interleave, and a model run in input order predicts them exactly.
 */
final class Workload {

    final List<IpnReceived> ipns = new ArrayList<>();
    final List<UsageFinalizationReceived> usages = new ArrayList<>();
    final List<String> communities = new ArrayList<>();
    private final String idPrefix;

    private static final String[] PRICES = {"5", "10", "25", "7.5", "4", "12.345678"};
    private static final String[] POOLS = {"cheap", "fast-code", "reviewer", "reasoning", "architect"};

    /**
     * Payment and finalization ids are the seed's own, so that two workloads on the same topics (two
     * tests of one class, each application reading the topics from the start) never share a payment
     * or a finalization id: a shared one would be one payment, or a reuse across communities, to the
     * application that reads both.
     */
    Workload(long seed, int payments, int usageEvents) {
        Random random = new Random(seed);
        this.idPrefix = "w" + seed + "-";
        for (int i = 0; i < 20; i++) {
            communities.add(new UUID(random.nextLong(), random.nextLong()).toString());
        }
        Instant t = Instant.parse("2026-11-01T00:00:00Z");
        for (int p = 0; p < payments; p++) {
            t = t.plusSeconds(1);
            paymentEvents(random, 9_000_000L + seed * 100_000L + p, t);
        }
        for (int u = 0; u < usageEvents; u++) {
            t = t.plusMillis(100);
            usageEvent(random, u, t);
        }
    }

    private void paymentEvents(Random random, long paymentId, Instant t) {
        String community = pick(random, communities);
        String price = PRICES[random.nextInt(PRICES.length)];
        String currency = random.nextInt(20) == 0 ? "eur" : "usd";
        int ending = random.nextInt(10);
        List<String> statuses = new ArrayList<>(List.of("waiting", "confirming", "confirmed"));
        statuses.add(ending == 0 ? "partially_paid" : ending == 1 ? "failed" : "finished");
        if (ending == 2) {
            statuses.add("refunded");
        }
        List<IpnReceived> events = new ArrayList<>();
        for (int i = 0; i < statuses.size(); i++) {
            events.add(TestEvents.ipn(paymentId, statuses.get(i), price, currency, community + ":pack",
                    t.plusMillis(i)));
        }
        if (random.nextInt(20) == 0) {
            int i = random.nextInt(events.size() - 1);
            events.add(i, events.remove(i + 1));
        }
        if (random.nextInt(20) == 0) {
            events.add(events.get(random.nextInt(events.size())));
        }
        ipns.addAll(events);
    }

    private void usageEvent(Random random, int u, Instant t) {
        String community = pick(random, communities);
        long amount = 1 + random.nextInt(400_000);
        UsageFinalizationReceived usage = TestEvents.usage(idPrefix + u, community, POOLS[random.nextInt(POOLS.length)],
                amount, t);
        usages.add(usage);
        int roll = random.nextInt(100);
        if (roll < 5) {
            usages.add(usage);
        } else if (roll == 5) {
            usages.add(TestEvents.usage(idPrefix + u, community, usage.poolId(), amount + 1, t.plusMillis(1)));
        }
    }

    private static <T> T pick(Random random, List<T> list) {
        return list.get(random.nextInt(list.size()));
    }
}
