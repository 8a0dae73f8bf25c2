package dev.ledgerstream.ledger.guard;

/** The figures of one credit lot that the guard checks; every amount in micro-credits. */
public interface LotBalance {

    String lotId();

    String communityId();

    long mintedMicro();

    long remainingMicro();

    long debitedMicro();

    long expiredMicro();

    long revokedMicro();
}
