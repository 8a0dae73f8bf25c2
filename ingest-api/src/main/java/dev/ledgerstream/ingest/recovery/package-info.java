/**
 * Stuck-payment recovery (SPEC 5.5, ADR 0016): when {@code NOWPAYMENTS_API_KEY} is set, a scheduled
 * job finds payments whose status has not moved for a while ({@link dev.ledgerstream.ingest.recovery.PaymentsInFlight}),
 * asks the provider's status API about each ({@link dev.ledgerstream.ingest.recovery.PaymentStatusApi}),
 * and puts an answer that says something new on {@code payments.ipn.v1} through the same intake as
 * a webhook, so the ledger decides it with the same state machine and idempotency
 * ({@link dev.ledgerstream.ingest.recovery.StuckPaymentRecovery}).
 */
package dev.ledgerstream.ingest.recovery;
