package dev.ledgerstream.ledger.payment;

import dev.ledgerstream.schemas.PaymentId;
import dev.ledgerstream.schemas.Sha256Hex;
import dev.ledgerstream.schemas.PaymentStatus;
import java.time.Instant;
import java.util.Objects;

/**
 * The fields of one verified IPN that the ledger uses, taken by the processor from the canonical
 * JSON on {@code payments.ipn.v1}. Price text that is not a valid price is kept as it is: pricing
 * turns it into a mint outcome, not an error.
 *
 * @param eventId     lowercase hex SHA-256 of the canonical JSON (SPEC 3.1)
 * @param priceAmount {@code price_amount} exactly as written in the canonical JSON, e.g. {@code 4.99}
 * @param receivedAt  when the ingest API received the notification; the decider's only clock
 * @param paidAtFiat  {@code actually_paid_at_fiat} exactly as written, or null when the provider
 *                    did not send it (absent or JSON null): what was paid, in the price's currency
 * @param parentPaymentId {@code parent_payment_id} as written (the payment this one repeats), or
 *                    null when it is not a repeat deposit
 */
public record IpnInput(
        String paymentId,
        String eventId,
        PaymentStatus status,
        String priceAmount,
        String priceCurrency,
        String orderId,
        Instant receivedAt,
        String paidAtFiat,
        String parentPaymentId) {

    /** A notification that reports no paid value and is not a repeat deposit. */
    public IpnInput(String paymentId, String eventId, PaymentStatus status, String priceAmount, String priceCurrency,
            String orderId, Instant receivedAt) {
        this(paymentId, eventId, status, priceAmount, priceCurrency, orderId, receivedAt, null, null);
    }

    public IpnInput {
        new PaymentId(paymentId);
        if (!Sha256Hex.isValid(eventId)) {
            throw new IllegalArgumentException("event id must be lowercase hex SHA-256: " + eventId);
        }
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(priceAmount, "priceAmount");
        Objects.requireNonNull(priceCurrency, "priceCurrency");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(receivedAt, "receivedAt");
        if (parentPaymentId != null && parentPaymentId.isBlank()) {
            throw new IllegalArgumentException("parent payment id must be null or not blank");
        }
    }

    /** True for a repeat deposit to an address already paid (SPEC 3.1): it never mints by itself. */
    public boolean repeatDeposit() {
        return parentPaymentId != null;
    }
}
