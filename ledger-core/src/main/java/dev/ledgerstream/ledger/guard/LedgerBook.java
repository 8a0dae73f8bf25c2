package dev.ledgerstream.ledger.guard;

import java.util.List;

/**
 * The figures of one community's ledger that the guard checks: its open lots (those with credit
 * left to debit) and its running totals over every lot it ever had, every amount in micro-credits.
 * The totals are kept separately from the lots on purpose, so that the guard can check that the
 * two agree (I-2).
 */
public interface LedgerBook {

    String communityId();

    /** The open lots: together they hold the whole balance. */
    List<? extends LotBalance> lots();

    long mintedMicro();

    long debitedMicro();

    long expiredMicro();

    long revokedMicro();

    long balanceMicro();
}
