/**
 * The payment path of the topology, keyed by {@code payment_id}: reading a verified IPN's decision
 * inputs and adapting {@code payment-store} to the pure payment decider of {@code ledger-core}.
 */
package dev.ledgerstream.stream.payment;
