package dev.ledgerstream.ledger.payment;

import dev.ledgerstream.schemas.PaymentStatus;
import java.util.EnumSet;
import java.util.Set;

/** The forward-only order of payment statuses (SPEC 5.1). */
final class StatusRanks {

    private static final Set<PaymentStatus> TERMINAL =
            EnumSet.of(PaymentStatus.FAILED, PaymentStatus.EXPIRED, PaymentStatus.REFUNDED);

    private StatusRanks() {
    }

    /**
     * True when a payment at {@code from} may move to {@code to}: to a higher rank, never out of a
     * terminal status, out of {@code finished} only to {@code refunded}, and into {@code refunded}
     * only from {@code finished}.
     */
    static boolean advances(PaymentStatus from, PaymentStatus to) {
        if (TERMINAL.contains(from)) {
            return false;
        }
        if (from == PaymentStatus.FINISHED || to == PaymentStatus.REFUNDED) {
            return from == PaymentStatus.FINISHED && to == PaymentStatus.REFUNDED;
        }
        return rank(to) > rank(from);
    }

    static int rank(PaymentStatus status) {
        return switch (status) {
            case WAITING -> 0;
            case CONFIRMING -> 1;
            case CONFIRMED -> 2;
            case SENDING -> 3;
            case PARTIALLY_PAID -> 4;
            case FINISHED, FAILED, EXPIRED -> 5;
            case REFUNDED -> 6;
        };
    }
}
