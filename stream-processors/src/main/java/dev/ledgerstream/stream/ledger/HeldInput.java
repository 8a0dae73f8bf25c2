package dev.ledgerstream.stream.ledger;

import dev.ledgerstream.ledger.payment.IpnInput;
import dev.ledgerstream.ledger.task.InputOrder;
import dev.ledgerstream.schemas.ingest.OperatorAction;
import java.util.Comparator;

/**
 * A notification or an operator's action that has reached its community task but whose place in the
 * task's order is not settled yet ({@code ipn-hold-store}, ADR 0011, 0015). Exactly one of
 * {@code ipn} and {@code action} is set (a record stored before actions existed has only its
 * notification).
 *
 * @param offset    its offset in its partition
 * @param timestamp the broker's append time, the task's ordering key
 * @param ipn       a notification's decision inputs, read when it arrived, so that a notification that
 *                  cannot be read is dead-lettered as itself and never later, under another record's name
 * @param action    an operator's action
 */
public record HeldInput(long offset, long timestamp, IpnInput ipn, OperatorAction action) {

    /**
     * The order held inputs are applied in: {@link InputOrder}'s (timestamp, then notifications
     * before actions), then offset within the one partition of each.
     */
    static final Comparator<HeldInput> ORDER = Comparator.comparingLong(HeldInput::timestamp)
            .thenComparing(HeldInput::source).thenComparingLong(HeldInput::offset);

    public HeldInput {
        if ((ipn == null) == (action == null)) {
            throw new IllegalArgumentException("a held input is a notification or an action");
        }
    }

    InputOrder.Source source() {
        return ipn != null ? InputOrder.Source.PAYMENT : InputOrder.Source.ACTION;
    }

    /** The store key: the source and the offset, zero-padded (a notification's key is its offset alone, as before). */
    String key() {
        return (ipn != null ? "" : "action-") + String.format("%019d", offset);
    }
}
