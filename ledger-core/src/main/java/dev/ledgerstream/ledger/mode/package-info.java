/** The charging and minting modes an operator sets (SPEC 5.5, ADR 0018): pure Java, no Kafka or Spring. */
package dev.ledgerstream.ledger.mode;
