package dev.ledgerstream.stream;

import dev.ledgerstream.ledger.payment.IpnInputs;
import dev.ledgerstream.schemas.ingest.IpnReceived;
import dev.ledgerstream.schemas.ingest.UsageFinalizationReceived;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/** Raw-topic records as the ingest API writes them, for topology and integration tests. */
final class TestEvents {

    private TestEvents() {
    }

    /** A verified IPN; its canonical JSON has keys sorted, as the real canonical form does. */
    static IpnReceived ipn(long paymentId, String status, String priceAmount, String currency, String orderId,
            Instant receivedAt) {
        String canonical = "{\"order_id\":\"" + orderId + "\",\"payment_id\":" + paymentId + ",\"payment_status\":\""
                + status + "\",\"price_amount\":" + priceAmount + ",\"price_currency\":\"" + currency + "\"}";
        return new IpnReceived(sha256(canonical), Long.toString(paymentId), "canonical", receivedAt, canonical);
    }

    /**
     * A finished IPN in the provider's shape: what was paid at fiat, and the payment it repeats
     * ({@code null} writes JSON null, as the provider does for a first deposit).
     */
    static IpnReceived finishedPaying(long paymentId, String usd, String paidAtFiat, Long parentPaymentId,
            String community, Instant receivedAt) {
        String canonical = "{\"actually_paid_at_fiat\":" + paidAtFiat + ",\"order_id\":\"" + community
                + ":standard\",\"parent_payment_id\":" + parentPaymentId + ",\"payment_id\":" + paymentId
                + ",\"payment_status\":\"finished\",\"price_amount\":" + usd + ",\"price_currency\":\"usd\"}";
        return new IpnReceived(sha256(canonical), Long.toString(paymentId), "canonical", receivedAt, canonical);
    }

    static IpnReceived finished(long paymentId, String usd, String community, Instant receivedAt) {
        return ipn(paymentId, "finished", usd, "usd", community + ":standard", receivedAt);
    }

    static UsageFinalizationReceived usage(String finalizationId, String community, String pool, long amountMicro,
            Instant at) {
        return new UsageFinalizationReceived(finalizationId, community, pool, "nft-1", 100, 50, amountMicro, null,
                null, at, at, "test");
    }

    /** The record's key on {@code payments.ipn.v1}, as the ingest API keys it. */
    static String key(IpnReceived ipn) {
        return IpnReceived.topicKey(IpnInputs.from(ipn).orderId(), ipn.paymentId());
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
