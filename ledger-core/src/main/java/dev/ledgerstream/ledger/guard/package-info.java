/**
 * The conservation guard (SPEC 5.4): {@link dev.ledgerstream.ledger.guard.ConservationGuard}
 * re-checks the invariants I-1 … I-13 after each ledger operation and turns every failure into a
 * numbered {@link dev.ledgerstream.schemas.ledger.GuardViolation} inside a
 * {@link dev.ledgerstream.ledger.guard.GuardResult}, which the processors count and forward. The
 * guard sees ledgers only through the {@link dev.ledgerstream.ledger.guard.LedgerBook} and
 * {@link dev.ledgerstream.ledger.guard.LotBalance} views, so it depends on no other ledger package
 * and can check any ledger, including one read back from PostgreSQL. It never changes state and
 * never throws for a failed check; metrics and logging belong to the processors.
 */
package dev.ledgerstream.ledger.guard;
