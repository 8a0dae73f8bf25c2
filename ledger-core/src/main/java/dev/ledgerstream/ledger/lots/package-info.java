/**
 * The per-community credit ledger (SPEC 5.2–5.3): credit lots, FIFO debits of usage, expiry and
 * revocation on refund, as pure functions from a
 * {@link dev.ledgerstream.ledger.lots.CommunityState} and a
 * {@link dev.ledgerstream.ledger.lots.LedgerCommand} to a
 * {@link dev.ledgerstream.ledger.lots.LedgerResult} (new state, records to emit, guard result).
 * The state is a plain record that a serde can store as it is, and stays small: it holds the open
 * lots and running totals, no finalization ids; a lot that closes is handed to the caller
 * ({@link dev.ledgerstream.ledger.lots.LedgerResult#closed()}) and leaves the state, so an operation
 * costs what it touches, not the community's history. Usage de-duplication (I-6) is not done here but before, per
 * community and finalization id (see {@code ledger.usage}); payment statuses and pricing are not decided here
 * (see {@code ledger.payment}); no clock is read here: every time comes from the command or from
 * the {@code now} given to {@code expire}.
 */
package dev.ledgerstream.ledger.lots;
