/**
 * The payment state machine and minting rules (SPEC 5.1–5.2) as a pure decider:
 * {@link dev.ledgerstream.ledger.payment.PaymentDecider} takes the stored
 * {@link dev.ledgerstream.ledger.payment.PaymentState} and one
 * {@link dev.ledgerstream.ledger.payment.IpnInput} and returns a
 * {@link dev.ledgerstream.ledger.payment.PaymentDecision}: the outcome record, the mint or
 * revocation command for the community ledger, and the guard's checks. The provider's decimal price
 * is converted to micro-credits here, in {@link dev.ledgerstream.ledger.payment.CreditPricing}, the
 * only place in the codebase that uses {@code BigDecimal}. Lots and balances are not kept here
 * (see {@code ledger.lots}); JSON parsing of the IPN belongs to the processor.
 */
package dev.ledgerstream.ledger.payment;
