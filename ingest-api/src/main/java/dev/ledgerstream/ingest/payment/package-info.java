/**
 * The NOWPayments IPN webhook (SPEC 3.1). Apart from the controller, everything here is pure
 * Java with no Spring, Kafka or I/O types: a strict JSON parser that keeps number text and
 * refuses duplicate keys, nesting deeper than 32 and invalid UTF-8 ({@link
 * dev.ledgerstream.ingest.payment.MalformedJsonException}, 400); the canonical form (JavaScript's
 * {@code JSON.stringify} with keys sorted at every depth) and the provider's documentation-sample
 * form; the constant-time HMAC-SHA512 check ({@link
 * dev.ledgerstream.ingest.payment.IpnSignatureException}, 401); the event id; and the rules that
 * accept or quarantine a verified notification. Not here: the body size limit, problem details
 * and Kafka producing, which belong to the web and publish packages.
 */
package dev.ledgerstream.ingest.payment;
