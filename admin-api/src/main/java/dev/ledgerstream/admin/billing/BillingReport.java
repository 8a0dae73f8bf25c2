package dev.ledgerstream.admin.billing;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * {@code GET /api/v1/admin/community/{id}/billing}: balance, lots, burn rate, projected depletion
 * and the latest transactions. Amounts are micro-credit integers as strings.
 *
 * @param asOf                   the time the figures were read at
 * @param balanceMicro           remaining credit over all lots: minted − debited − expired − revoked
 * @param lotCount               the community's lots in all; {@code lots} lists at most the configured number
 * @param lots                   active lots with credit first, in the order usage debits them (earliest expiry, then oldest)
 * @param burnWindowDays         the trailing window of the burn rate (7)
 * @param burnWindowSpendMicro   usage recorded in that window
 * @param burnRateMicroPerDay    that spend per day, rounded down
 * @param projectedDepletionDate the UTC date the balance runs out at that rate; null without burn
 * @param transactionsNextCursor the cursor of {@code …/transactions} after {@code recentTransactions}, or null
 */
record BillingReport(
        String communityId,
        Instant asOf,
        String balanceMicro,
        String mintedMicro,
        String debitedMicro,
        String expiredMicro,
        String revokedMicro,
        long lotCount,
        List<LotView> lots,
        int burnWindowDays,
        String burnWindowSpendMicro,
        String burnRateMicroPerDay,
        LocalDate projectedDepletionDate,
        List<TransactionView> recentTransactions,
        String transactionsNextCursor) {

    /**
     * One credit lot and what happened to it.
     *
     * @param status {@code active}, {@code expired} or {@code revoked}
     */
    record LotView(String lotId, String source, String paymentId, String grantId, Instant createdAt,
            Instant expiresAt, String mintedMicro, String debitedMicro, String expiredMicro, String revokedMicro,
            String remainingMicro, String status) {
    }
}
