package dev.ledgerstream.stream.ledger;

import dev.ledgerstream.ledger.payment.IpnInput;
import java.util.Objects;

/**
 * A notification that has reached its community task but whose place in the task's order is not
 * settled yet ({@code ipn-hold-store}, ADR 0011).
 *
 * @param offset    its offset in its {@code payments.ipn.v1} partition, which orders the hold
 * @param timestamp the broker's append time, the task's ordering key
 * @param ipn       the decision inputs, read when it arrived, so that a notification that cannot be
 *                  read is dead-lettered as itself and never later, under another record's name
 */
public record HeldIpn(long offset, long timestamp, IpnInput ipn) {

    public HeldIpn {
        Objects.requireNonNull(ipn, "ipn");
    }

    /** The store key: the offset, zero-padded, so that the store iterates in offset order. */
    String key() {
        return String.format("%019d", offset);
    }
}
