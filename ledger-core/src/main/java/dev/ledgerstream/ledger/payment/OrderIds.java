package dev.ledgerstream.ledger.payment;

import dev.ledgerstream.schemas.CommunityId;
import java.util.Optional;

/** Reads the community from an order id: a UUID, optionally followed by {@code :} and anything (SPEC 3.1). */
final class OrderIds {

    private static final int UUID_LENGTH = 36;

    private OrderIds() {
    }

    /** The community as a lowercase UUID, or empty when the order id names none. */
    static Optional<String> communityOf(String orderId) {
        if (orderId.length() < UUID_LENGTH) {
            return Optional.empty();
        }
        String head = orderId.substring(0, UUID_LENGTH);
        boolean suffixOk = orderId.length() == UUID_LENGTH || orderId.charAt(UUID_LENGTH) == ':';
        if (!suffixOk || !CommunityId.isValid(head)) {
            return Optional.empty();
        }
        return Optional.of(CommunityId.parse(head).value());
    }
}
