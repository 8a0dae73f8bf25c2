package dev.ledgerstream.schemas;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Optional;

/** The nine NOWPayments payment statuses, with their wire names (SPEC 3.1). */
public enum PaymentStatus {
    WAITING, CONFIRMING, CONFIRMED, SENDING, PARTIALLY_PAID, FINISHED, FAILED, REFUNDED, EXPIRED;

    /** The name as the provider writes it, e.g. {@code partially_paid}; also the JSON form. */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The status for a wire name, or empty when the provider sent something unknown. */
    public static Optional<PaymentStatus> fromWireName(String wireName) {
        for (PaymentStatus status : values()) {
            if (status.wireName().equals(wireName)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }

    /** The status for a wire name, for JSON reading; throws for an unknown one. */
    @JsonCreator
    public static PaymentStatus ofWireName(String wireName) {
        return fromWireName(wireName)
                .orElseThrow(() -> new IllegalArgumentException("unknown payment status: " + wireName));
    }
}
