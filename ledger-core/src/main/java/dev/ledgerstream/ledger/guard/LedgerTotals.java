package dev.ledgerstream.ledger.guard;

/**
 * System-wide or per-community sums for I-13, e.g. from a set of community states or from a
 * reconciliation query. Amounts are plain longs so that even a broken ledger can be described.
 */
public record LedgerTotals(
        long mintedMicro, long balanceMicro, long debitedMicro, long expiredMicro, long revokedMicro) {

    public static final LedgerTotals ZERO = new LedgerTotals(0, 0, 0, 0, 0);

    /** The totals of one book. */
    public static LedgerTotals of(LedgerBook book) {
        return new LedgerTotals(book.mintedMicro(), book.balanceMicro(), book.debitedMicro(),
                book.expiredMicro(), book.revokedMicro());
    }

    /** The figures of one lot, its remaining credit as the balance. */
    public static LedgerTotals of(LotBalance lot) {
        return new LedgerTotals(lot.mintedMicro(), lot.remainingMicro(), lot.debitedMicro(), lot.expiredMicro(),
                lot.revokedMicro());
    }

    /** Field-wise difference; throws {@link ArithmeticException} on overflow. */
    public LedgerTotals minus(LedgerTotals other) {
        return new LedgerTotals(
                Math.subtractExact(mintedMicro, other.mintedMicro),
                Math.subtractExact(balanceMicro, other.balanceMicro),
                Math.subtractExact(debitedMicro, other.debitedMicro),
                Math.subtractExact(expiredMicro, other.expiredMicro),
                Math.subtractExact(revokedMicro, other.revokedMicro));
    }

    /** Field-wise sum; throws {@link ArithmeticException} on overflow, which the guard reports as I-9. */
    public LedgerTotals plus(LedgerTotals other) {
        return new LedgerTotals(
                Math.addExact(mintedMicro, other.mintedMicro),
                Math.addExact(balanceMicro, other.balanceMicro),
                Math.addExact(debitedMicro, other.debitedMicro),
                Math.addExact(expiredMicro, other.expiredMicro),
                Math.addExact(revokedMicro, other.revokedMicro));
    }
}
