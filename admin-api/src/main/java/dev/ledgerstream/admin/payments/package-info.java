/**
 * A community's payments ({@code GET …/payments}): current state, status history, credited amount,
 * mint outcome and why a payment needs attention. Quarantined notifications, which belong to no
 * community, are listed by {@code platform}.
 */
package dev.ledgerstream.admin.payments;
