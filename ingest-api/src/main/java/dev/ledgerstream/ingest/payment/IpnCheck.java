package dev.ledgerstream.ingest.payment;

import dev.ledgerstream.schemas.CommunityId;
import dev.ledgerstream.schemas.PaymentId;
import dev.ledgerstream.schemas.PaymentStatus;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of {@link IpnRules#check(VerifiedIpn)}: either case is answered 200, because a
 * validly signed notification came from the provider and must not be lost (SPEC 3.1).
 */
public sealed interface IpnCheck {

    /** The verified notification this outcome is about. */
    VerifiedIpn ipn();

    /**
     * A notification that follows the rules, for {@code payments.ipn.v1}.
     *
     * @param priceAmount the canonical text of {@code price_amount} (a JSON number in
     *     ECMAScript form, or the digits of a decimal string), for an exact decimal downstream
     * @param orderId the {@code order_id} as sent
     * @param communityId the community the order names; empty when it names none, which the
     *     ledger records as {@code unknown_community} rather than refusing the payment
     */
    record Accepted(
            VerifiedIpn ipn,
            PaymentId paymentId,
            PaymentStatus status,
            String priceAmount,
            String priceCurrency,
            String orderId,
            Optional<CommunityId> communityId) implements IpnCheck {

        public Accepted {
            Objects.requireNonNull(ipn, "ipn");
            Objects.requireNonNull(paymentId, "paymentId");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(priceAmount, "priceAmount");
            Objects.requireNonNull(priceCurrency, "priceCurrency");
            Objects.requireNonNull(orderId, "orderId");
            Objects.requireNonNull(communityId, "communityId");
        }
    }

    /**
     * A validly signed notification that breaks the rules, for {@code payments.ipn.quarantine.v1}.
     *
     * @param reason short and machine-readable, e.g. {@code unknown_status: teleported}
     * @param paymentId the payment id when the body had a valid one
     */
    record Quarantined(VerifiedIpn ipn, String reason, Optional<PaymentId> paymentId) implements IpnCheck {

        public Quarantined {
            Objects.requireNonNull(ipn, "ipn");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(paymentId, "paymentId");
        }

        /** The quarantine topic's key (SPEC 4): the payment id, or the event id without one. */
        public String recordKey() {
            return paymentId.map(PaymentId::value).orElseGet(ipn::eventId);
        }
    }
}
