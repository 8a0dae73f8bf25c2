/**
 * Operators' actions (SPEC 5.5, ADR 0015): {@code POST /api/v1/admin/actions} turns a platform
 * admin's grant, release or dismissal into an {@code OperatorAction} on {@code operator.actions.v1}
 * ({@link dev.ledgerstream.admin.actions.ActionPublisher}), after checking what it names against the
 * ledger; the community task decides it, and {@code GET /api/v1/admin/actions} lists what each one did.
 */
package dev.ledgerstream.admin.actions;
