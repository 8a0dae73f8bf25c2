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
 */
public record IpnInput(
        String paymentId,
        String eventId,
        PaymentStatus status,
        String priceAmount,
        String priceCurrency,
        String orderId,
        Instant receivedAt) {

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
    }
}
