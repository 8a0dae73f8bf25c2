package dev.ledgerstream.admin;

import dev.ledgerstream.ledger.lots.GrantLot;
import dev.ledgerstream.schemas.ingest.UsageFinalizationReceived;
import dev.ledgerstream.ledger.payment.IpnInput;
import dev.ledgerstream.ledger.payment.PaymentDecider;
import dev.ledgerstream.ledger.replay.ReplayLedger;
import dev.ledgerstream.schemas.PaymentStatus;
import dev.ledgerstream.schemas.ingest.ActionKind;
import dev.ledgerstream.schemas.ingest.ChargingMode;
import dev.ledgerstream.schemas.ingest.MintingMode;
import dev.ledgerstream.schemas.ingest.OperatorAction;
import dev.ledgerstream.schemas.ledger.LedgerRecord;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The hand-written scenario every figure test checks against: payments (one minting each pack,
 * a partial payment, one below the minimum, one in another currency, one naming no community, a
 * duplicate notification, a refund after spending), usage across pools and NFTs (one finalization
 * split over two lots, one overspending the balance), and an operator grant that expired unused.
 * The inputs go through {@link ReplayLedger}, the same ledger logic as the stream processors, and
 * the records it emits are what the real sink writes to PostgreSQL.
 *
 * <p>The timeline, relative to {@link #NOW} = 2026-11-20T12:00:00Z, community A unless noted
 * (usage occurred 30 s before the ledger received it; every figure below is by receipt):
 *
 * <pre>
 *  −20d     grant 1,000,000 expiring at −15d                    lot G  1,000,000
 *  −15d     expiry                                             G expired 1,000,000
 *  −10d     payment 1001 waiting (10 usd)
 *  −10d+1h  payment 1001 finished                              lot L1 10,500,000
 *  −10d+2h  payment 1001 finished again (another event)        duplicate
 *   −9d     usage u1 cheap/nft-a      2,000,000 (1000/200 tok) L1 → 8,500,000
 *   −8d     payment 1002 finished (25 usd)                     lot L2 27,500,000
 *   −7d−1h  usage u2 fast-code/nft-b  3,000,000 (3000/500)     L1 → 5,500,000
 *   −6d     payment 1003 partially_paid (5 usd)                no mint
 *   −5d     payment 1004 finished (3 usd)                      below_minimum
 *   −5d     payment 3001 finished (10 usd, order names none)   unknown_community, no community
 *   −4d     payment 1005 finished (5 eur)                      unsupported_currency
 *   −3d     usage u3 reasoning/nft-a  6,000,000 (8000/2000)    L1 → 0, L2 → 27,000,000
 *   −2d     usage u4 cheap/no NFT     1,000,000 (500/100)      L2 → 26,000,000
 *   −1d     payment 1002 refunded                              L2 revoked 26,000,000; I-12 (1,500,000 spent)
 *  −12h     usage u5 architect/nft-b  4,000,000 (6000/1500)    balance 0: unfunded 4,000,000; I-12
 *   −6h     payment 1006 finished (5 usd)                      lot L3 5,000,000
 *   −2h     usage u6 cheap/nft-a        750,000 (400/80)       L3 → 4,250,000
 *  community B: −3d payment 2001 finished (5 usd) lot 5,000,000; −1d usage cheap/nft-z 1,000,000;
 *               −2d payment 2002 finished, a repeat deposit of 2001   held_repeat_deposit
 *               −2d payment 2003 finished (10 usd, 9.5 paid)          held_underpaid
 *               −1d an operator's release of 2001, which was minted        rejected, nothing changes
 * </pre>
 */
final class LedgerScenario {

    static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
    static final String COMMUNITY_A = "3f1c2a9e-5b7d-4e21-9c3a-0d6b8e4f1a27";
    static final String COMMUNITY_B = "8a2d4c6e-1f3b-4a5c-9d7e-2b4f6a8c0e13";
    /** A community with no ledger rows at all. */
    static final String COMMUNITY_EMPTY = "0e9d8c7b-6a5f-4e3d-8c2b-1a0f9e8d7c6b";
    static final Duration OCCURRED_BEFORE_RECEIPT = Duration.ofSeconds(30);

    private LedgerScenario() {
    }

    /** The ledger records of the whole scenario, in the order the stream processors would emit them. */
    static List<LedgerRecord> records() {
        ReplayLedger ledger = new ReplayLedger(PaymentDecider.withoutLotTtl());
        List<LedgerRecord> records = new ArrayList<>();
        String orderA = COMMUNITY_A + ":standard";
        records.addAll(ledger.onGrant(new GrantLot("grant-welcome-a", COMMUNITY_A, 1_000_000, ago(days(20)),
                ago(days(15)))));
        records.addAll(ledger.expire(ago(days(15))));
        records.addAll(ledger.onIpn(ipn("1001", 1, PaymentStatus.WAITING, "10", "usd", orderA, ago(days(10)))));
        records.addAll(ledger.onIpn(ipn("1001", 2, PaymentStatus.FINISHED, "10", "usd", orderA,
                ago(days(10).minusHours(1)))));
        records.addAll(ledger.onIpn(ipn("1001", 3, PaymentStatus.FINISHED, "10", "usd", orderA,
                ago(days(10).minusHours(2)))));
        records.addAll(ledger.onUsage(usage("u1", COMMUNITY_A, "cheap", "nft-a", 1000, 200, 2_000_000, ago(days(9)))));
        records.addAll(ledger.onIpn(ipn("1002", 1, PaymentStatus.FINISHED, "25", "usd", orderA, ago(days(8)))));
        records.addAll(ledger.onUsage(usage("u2", COMMUNITY_A, "fast-code", "nft-b", 3000, 500, 3_000_000,
                ago(days(7).plusHours(1)))));
        records.addAll(ledger.onIpn(ipn("1003", 1, PaymentStatus.PARTIALLY_PAID, "5", "usd", orderA, ago(days(6)))));
        records.addAll(ledger.onIpn(ipn("1004", 1, PaymentStatus.FINISHED, "3", "usd", orderA, ago(days(5)))));
        records.addAll(ledger.onIpn(ipn("3001", 1, PaymentStatus.FINISHED, "10", "usd", "order-without-community",
                ago(days(5)))));
        records.addAll(ledger.onIpn(ipn("1005", 1, PaymentStatus.FINISHED, "5", "eur", orderA, ago(days(4)))));
        records.addAll(ledger.onIpn(ipn("2001", 1, PaymentStatus.FINISHED, "5", "usd", COMMUNITY_B, ago(days(3)))));
        records.addAll(ledger.onUsage(usage("u3", COMMUNITY_A, "reasoning", "nft-a", 8000, 2000, 6_000_000,
                ago(days(3)))));
        records.addAll(ledger.onUsage(usage("u4", COMMUNITY_A, "cheap", null, 500, 100, 1_000_000, ago(days(2)))));
        records.addAll(ledger.onIpn(new IpnInput("2002", eventId("2002", 1), PaymentStatus.FINISHED, "5", "usd",
                COMMUNITY_B, ago(days(2)), "0.4", "2001")));
        records.addAll(ledger.onIpn(new IpnInput("2003", eventId("2003", 1), PaymentStatus.FINISHED, "10", "usd",
                COMMUNITY_B, ago(days(2).minusHours(1)), "9.5", null)));
        records.addAll(ledger.onIpn(ipn("1002", 2, PaymentStatus.REFUNDED, "25", "usd", orderA, ago(days(1)))));
        records.addAll(ledger.onUsage(usage("b1", COMMUNITY_B, "cheap", "nft-z", 700, 90, 1_000_000, ago(days(1)))));
        records.addAll(ledger.onAction(OperatorAction.of("release-2001", ActionKind.RELEASE, null, "2001", null, null,
                "ops@ledgerstream.test", "the customer says it was not credited", ago(days(1)))));
        records.addAll(ledger.onUsage(usage("u5", COMMUNITY_A, "architect", "nft-b", 6000, 1500, 4_000_000,
                ago(Duration.ofHours(12)))));
        records.addAll(ledger.onIpn(ipn("1006", 1, PaymentStatus.FINISHED, "5", "usd", orderA, ago(Duration.ofHours(6)))));
        records.addAll(ledger.onUsage(usage("u6", COMMUNITY_A, "cheap", "nft-a", 400, 80, 750_000,
                ago(Duration.ofHours(2)))));
        // The charging switch (SPEC 5.5), after the last usage: minting paused for every community, B in shadow.
        records.addAll(ledger.onAction(OperatorAction.chargingMode("pause-all", null, ChargingMode.LIVE,
                MintingMode.PAUSED, "ops@ledgerstream.test", "provider incident", ago(Duration.ofHours(1)))));
        records.addAll(ledger.onAction(OperatorAction.chargingMode("shadow-b", COMMUNITY_B, ChargingMode.SHADOW,
                MintingMode.LIVE, "ops@ledgerstream.test", "pricing under review", ago(Duration.ofMinutes(30)))));
        return List.copyOf(records);
    }

    /** The event id of the quarantined notification of the scenario. */
    static String quarantinedEventId() {
        return sha256("quarantined-teleported");
    }

    static Instant ago(Duration duration) {
        return NOW.minus(duration);
    }

    static Duration days(long days) {
        return Duration.ofDays(days);
    }

    /** A finalization id of the scenario, unique per community (ADR 0008). */
    static String finalizationId(String name) {
        return "fin-" + name;
    }

    static String eventId(String paymentId, int notification) {
        return sha256("ipn-" + paymentId + "-" + notification);
    }

    private static IpnInput ipn(String paymentId, int notification, PaymentStatus status, String price,
            String currency, String orderId, Instant receivedAt) {
        return new IpnInput(paymentId, eventId(paymentId, notification), status, price, currency, orderId, receivedAt);
    }

    private static UsageFinalizationReceived usage(String name, String community, String pool, String nft, long tokensInput,
            long tokensOutput, long amountMicro, Instant receivedAt) {
        return new UsageFinalizationReceived(finalizationId(name), community, pool, nft, tokensInput, tokensOutput,
                amountMicro, null, null, receivedAt.minus(OCCURRED_BEFORE_RECEIPT), receivedAt, "test");
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
