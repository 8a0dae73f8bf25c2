/**
 * The usage and community-ledger path of the topology: the finalization dedup step
 * ({@code finalization-store}), the community ledger ({@code community-store}, expiry punctuator)
 * and the serdes of the internal topics and stores. The rules are in {@code ledger-core}.
 */
package dev.ledgerstream.stream.ledger;
