package dev.ledgerstream.ledger.testing;

import dev.ledgerstream.ledger.identity.LedgerIds;
import dev.ledgerstream.ledger.lots.GrantLot;
import dev.ledgerstream.ledger.lots.MintLot;
import dev.ledgerstream.ledger.payment.IpnInput;
import dev.ledgerstream.schemas.PaymentStatus;
import dev.ledgerstream.schemas.ingest.UsageFinalizationReceived;
import java.time.Duration;
import java.time.Instant;

/** Inputs for the ledger tests: fixed communities, a fixed clock origin and short builders. */
public final class LedgerFixtures {

    public static final String COMMUNITY_A = "3f1c2b9e-8d4a-4c6b-9e2f-1a7d5c3b8e60";
    public static final String COMMUNITY_B = "0b8e7d6c-5a4b-4c3d-8e2f-1a0b9c8d7e6f";
    public static final String COMMUNITY_C = "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d";
    public static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private LedgerFixtures() {
    }

    public static Instant at(long minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    /** A notification whose event id is derived from its content, as the ingest API derives it. */
    public static IpnInput ipn(String paymentId, PaymentStatus status, String price, String currency, String orderId,
            Instant receivedAt) {
        String eventId = LedgerIds.sha256Hex(paymentId + "|" + status + "|" + price + "|" + currency + "|" + orderId);
        return new IpnInput(paymentId, eventId, status, price, currency, orderId, receivedAt);
    }

    public static IpnInput ipn(String paymentId, PaymentStatus status, Instant receivedAt) {
        return ipn(paymentId, status, "10", "usd", COMMUNITY_A, receivedAt);
    }

    public static UsageFinalizationReceived usage(String finalizationId, String communityId, long amountMicro, Instant receivedAt) {
        return usage(finalizationId, communityId, amountMicro, null, receivedAt);
    }

    public static UsageFinalizationReceived usage(String finalizationId, String communityId, long amountMicro, Long reservedMicro,
            Instant receivedAt) {
        return new UsageFinalizationReceived(finalizationId, communityId, "cheap", null, 100, 200, amountMicro,
                reservedMicro == null ? null : "res-" + finalizationId, reservedMicro, T0, receivedAt, "test");
    }

    public static MintLot mint(String paymentId, String communityId, long amountMicro, Instant createdAt) {
        return MintLot.forPayment(paymentId, communityId, amountMicro, createdAt, null);
    }

    public static GrantLot grant(String grantId, String communityId, long amountMicro, Instant grantedAt,
            Instant expiresAt) {
        return new GrantLot(grantId, communityId, amountMicro, grantedAt, expiresAt);
    }
}
