package dev.ledgerstream.bench;

import dev.ledgerstream.local.devauth.IpnSigner;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * NOWPayments IPN bodies as the provider signs them. The template is fixture 01's canonical form
 * (keys sorted at every depth, no whitespace, integers in plain form), so the body is its own
 * canonical form and the HMAC-SHA512 over its bytes is a valid signature. Each body gets a new
 * {@code payment_id} and amount, so each request is a distinct event.
 */
final class IpnRequests {

    static final String SECRET = "bench-ipn-secret-NOT-REAL";

    private static final String TEMPLATE = "{\"actually_paid\":25.312,\"actually_paid_at_fiat\":%d,"
            + "\"created_at\":\"2025-03-14T10:02:11.412Z\",\"fee\":{\"currency\":\"usdttrc20\",\"depositFee\":0.12,"
            + "\"serviceFee\":0.25,\"withdrawalFee\":0.5},\"invoice_id\":4917306212,"
            + "\"order_description\":\"Crédits — pack 25 USD / premium\",\"order_id\":\"%s:premium\","
            + "\"outcome_amount\":24.8306,\"outcome_currency\":\"usdttrc20\",\"parent_payment_id\":null,"
            + "\"pay_address\":\"TNDFkisuXgD8uYG3mNzVNWb5QkQhEJf2ZU\",\"pay_amount\":25.312,"
            + "\"pay_currency\":\"usdttrc20\",\"payin_extra_id\":null,\"payment_extra_ids\":[5513339153],"
            + "\"payment_id\":%d,\"payment_status\":\"finished\",\"price_amount\":%d,\"price_currency\":\"usd\","
            + "\"purchase_id\":\"5837122679\",\"updated_at\":\"2025-03-14T10:19:40.535Z\"}";

    /** Payment ids of the right magnitude that no fixture uses. */
    private static final AtomicLong PAYMENT_IDS = new AtomicLong(7_000_000_000L);

    /** A body for the next payment id, in canonical form. */
    static byte[] nextBody() {
        long paymentId = PAYMENT_IDS.incrementAndGet();
        return body(paymentId);
    }

    static byte[] body(long paymentId) {
        return body(paymentId, Communities.of(paymentId), 5 + Math.floorMod(paymentId, 500L));
    }

    /** A finished payment of {@code priceUsd} (whole dollars) for {@code community}, paid in full. */
    static byte[] body(long paymentId, String community, long priceUsd) {
        return TEMPLATE.formatted(priceUsd, community, paymentId, priceUsd).getBytes(StandardCharsets.UTF_8);
    }

    /** The {@code x-nowpayments-sig} value: lowercase hex HMAC-SHA512 over the canonical bytes. */
    String signature(byte[] canonicalBody) {
        return IpnSigner.sign(SECRET, canonicalBody);
    }
}
