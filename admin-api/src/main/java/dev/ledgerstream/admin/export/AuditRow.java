package dev.ledgerstream.admin.export;

import java.time.Instant;

/**
 * One ledger operation of the audit export (SPEC 7), in the export's column order. A usage
 * finalization is one {@code usage_recorded} row (its full amount, tokens and guard result) followed
 * by one {@code lot_debited} row per lot it debited; what no lot covered is the usage amount less
 * those debits. Usage recorded in shadow mode (SPEC 5.5) is one {@code usage_shadow} row and no debit:
 * its amount was waived. Lots add {@code lot_minted}, {@code lot_expired} and {@code lot_revoked} rows,
 * and an operator's applied action one {@code operator_grant}, {@code operator_release},
 * {@code operator_dismiss} or {@code operator_set_charging_mode} row (its credit, lot and payment;
 * who and why, and the modes set: {@code GET /api/v1/admin/actions}).
 *
 * @param timestamp               the operation's business time
 * @param conservationGuardResult {@code pass}/{@code fail} of the usage's guard checks, on its usage
 *                                and debit rows; null on other rows, for which the ledger keeps no per-row verdict
 */
record AuditRow(Instant timestamp, String operationType, long amountMicro, String lotId, String paymentId,
        String finalizationId, String modelPool, String nftId, Long tokensInput, Long tokensOutput,
        String conservationGuardResult) {

    /** The export's columns, in order, as named by SPEC 7. */
    static final String[] COLUMNS = {"timestamp", "operation_type", "amount_micro", "lot_id", "payment_id",
        "finalization_id", "model_pool", "nft_id", "tokens_input", "tokens_output", "conservation_guard_result"};
}
