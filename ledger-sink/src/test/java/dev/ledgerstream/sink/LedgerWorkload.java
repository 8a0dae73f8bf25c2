package dev.ledgerstream.sink;

import dev.ledgerstream.ledger.lots.GrantLot;
import dev.ledgerstream.schemas.ingest.UsageFinalizationReceived;
import dev.ledgerstream.ledger.payment.IpnInput;
import dev.ledgerstream.ledger.payment.PaymentDecider;
import dev.ledgerstream.ledger.replay.ReplayLedger;
import dev.ledgerstream.schemas.PaymentStatus;
import dev.ledgerstream.schemas.ingest.IpnReceived;
import dev.ledgerstream.schemas.ledger.LedgerRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * A seeded, realistic ledger: payments through their statuses (duplicates, partial payments,
 * failures, other currencies, amounts below the minimum), expiring grants, usage (duplicates,
 * conflicting repeats, an id reused by another community, overspending), refunds of partly spent lots at the end and an expiry run,
 * fed through the in-memory ledger ({@link ReplayLedger}, the stream processors' rules). What it
 * emits is what the stream processors would write to the ledger topics; the model's states are
 * the stream's own accounting to compare the database with.
 */
final class LedgerWorkload {

    private static final String[] PRICES = {"5", "10", "25", "7.5", "4", "12.345678"};
    private static final String[] POOLS = {"cheap", "fast-code", "reviewer", "reasoning", "architect"};

    final List<String> communities = new ArrayList<>();
    final List<IpnReceived> ipns = new ArrayList<>();
    final List<LedgerRecord> records = new ArrayList<>();
    final ReplayLedger model = new ReplayLedger(PaymentDecider.withoutLotTtl());

    private final Random random;
    private final Map<Long, String> finished = new LinkedHashMap<>();
    private Instant now = Instant.parse("2026-11-01T00:00:00Z");

    LedgerWorkload(long seed, int communityCount, int payments, int grants, int usages) {
        random = new Random(seed);
        for (int i = 0; i < communityCount; i++) {
            communities.add(new UUID(random.nextLong(), random.nextLong()).toString());
        }
        long firstPayment = 1_000_000L + Math.floorMod(seed, 1000) * 100_000L;
        for (int p = 0; p < payments; p++) {
            payment(firstPayment + p);
        }
        for (int g = 0; g < grants; g++) {
            grant("grant-" + seed + "-" + g);
        }
        for (int u = 0; u < usages; u++) {
            usage("u-" + seed + "-" + u);
        }
        // A finalization id another community used already: its usage too (ADR 0008).
        now = now.plusMillis(100);
        records.addAll(model.onUsage(new UsageFinalizationReceived("u-" + seed + "-0",
                communities.get(communities.size() - 1), "cheap", null, 1, 1, 1_000, null, null, now, now, "test")));
        // Granted after the usage, these keep a remainder for the expiry run to write off.
        for (int g = 0; g < grants; g++) {
            grant("late-grant-" + seed + "-" + g);
        }
        // Refunds of lots the usage spent (an I-12 violation each), and of fresh ones (revoked in full).
        finished.entrySet().stream().limit(3).forEach(payment ->
                ipn(payment.getKey(), "refunded", "10", "usd", payment.getValue()));
        for (long late = firstPayment + payments; late < firstPayment + payments + 3; late++) {
            String community = pick(communities);
            ipn(late, "finished", "25", "usd", community);
            ipn(late, "refunded", "25", "usd", community);
        }
        records.addAll(model.expire(now.plusSeconds(7_200)));
    }

    /** How many records of {@code type} the ledger emitted. */
    long count(Class<? extends LedgerRecord> type) {
        return records.stream().filter(type::isInstance).count();
    }

    private void payment(long paymentId) {
        String community = pick(communities);
        String price = PRICES[random.nextInt(PRICES.length)];
        String currency = random.nextInt(20) == 0 ? "eur" : "usd";
        int ending = random.nextInt(10);
        List<String> statuses = new ArrayList<>(List.of("waiting", "confirming"));
        statuses.add(ending == 0 ? "partially_paid" : ending == 1 ? "failed" : "finished");
        if (random.nextInt(10) == 0) {
            statuses.add(statuses.get(random.nextInt(statuses.size())));
        }
        for (String status : statuses) {
            ipn(paymentId, status, price, currency, community);
        }
        if (ending > 1) {
            finished.put(paymentId, community);
        }
    }

    private void ipn(long paymentId, String status, String price, String currency, String community) {
        now = now.plusMillis(500);
        String orderId = community + ":pack";
        String canonical = "{\"order_id\":\"" + orderId + "\",\"payment_id\":" + paymentId + ",\"payment_status\":\""
                + status + "\",\"price_amount\":" + price + ",\"price_currency\":\"" + currency + "\"}";
        IpnReceived received = new IpnReceived(TestRecords.sha256(canonical), Long.toString(paymentId), "canonical",
                now, canonical);
        ipns.add(received);
        records.addAll(model.onIpn(new IpnInput(received.paymentId(), received.eventId(),
                PaymentStatus.ofWireName(status), price, currency, orderId, now)));
    }

    private void grant(String grantId) {
        now = now.plusSeconds(1);
        records.addAll(model.onGrant(new GrantLot(grantId, pick(communities), 1_000_000L + random.nextInt(3_000_000),
                now, now.plusSeconds(3_600))));
    }

    private void usage(String finalizationId) {
        now = now.plusMillis(100);
        long amount = 1 + random.nextInt(600_000);
        UsageFinalizationReceived usage = new UsageFinalizationReceived(finalizationId, pick(communities),
                POOLS[random.nextInt(POOLS.length)], "nft-" + random.nextInt(3), random.nextInt(4000),
                random.nextInt(2000), amount, null, null, now, now, "test");
        records.addAll(model.onUsage(usage));
        int roll = random.nextInt(100);
        if (roll < 5) {
            records.addAll(model.onUsage(usage));
        } else if (roll == 5) {
            records.addAll(model.onUsage(new UsageFinalizationReceived(finalizationId, usage.communityId(),
                    usage.poolId(), usage.nftId(), 1, 1, amount + 1, null, null, now, now, "test")));
        }
    }

    private <T> T pick(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }
}
