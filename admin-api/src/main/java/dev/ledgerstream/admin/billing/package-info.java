/**
 * When a community's credit will run out: balance, lots with their remaining credit, the trailing
 * burn rate and the projected depletion date ({@code GET …/billing}), and the paged list of ledger
 * entries ({@code GET …/transactions}). Usage breakdowns are in {@code usage}, payments in
 * {@code payments}.
 */
package dev.ledgerstream.admin.billing;
