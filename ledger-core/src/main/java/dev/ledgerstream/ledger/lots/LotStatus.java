package dev.ledgerstream.ledger.lots;

/** Whether a lot can still be debited; a closed lot keeps its history but has nothing left. */
public enum LotStatus {
    /** Debitable while it has credit left (an exhausted lot stays active: a refund may still revoke it). */
    ACTIVE,
    /** Its expiry time passed; the remainder was written off. */
    EXPIRED,
    /** Its payment was refunded; the remainder was revoked. */
    REVOKED
}
