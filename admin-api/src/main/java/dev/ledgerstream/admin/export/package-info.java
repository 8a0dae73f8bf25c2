/**
 * The audit export ({@code GET …/community/{id}/audit}): every ledger operation of a community as
 * JSON Lines or CSV, streamed from a database cursor into the response. Aggregated views are in
 * {@code usage} and {@code billing}.
 */
package dev.ledgerstream.admin.export;
