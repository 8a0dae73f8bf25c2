/**
 * Where a community's credits went: the usage report by pool, NFT and day over a time window
 * ({@code GET …/community/{id}/usage}). Balances and lots are in {@code billing}; the row-by-row
 * audit trail is in {@code export}.
 */
package dev.ledgerstream.admin.usage;
