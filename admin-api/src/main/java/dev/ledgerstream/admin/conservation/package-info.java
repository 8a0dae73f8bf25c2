/**
 * Whether money was conserved for one community ({@code GET …/conservation}): invariants checked
 * now over the stored ledger, the guard's recorded violations by invariant, and the paged list of
 * them ({@code GET …/violations}). The check and violation shapes are shared with the platform-wide
 * view in {@code platform}.
 */
package dev.ledgerstream.admin.conservation;
