package dev.ledgerstream.admin.billing;

import java.time.Instant;

/**
 * One ledger entry of a lot: minted, debited (by a usage finalization, whose pool and NFT are
 * shown), expired or revoked.
 *
 * @param type       {@code lot_minted}, {@code lot_debited}, {@code lot_expired} or {@code lot_revoked}
 * @param occurredAt the entry's business time: the payment's receipt, the usage's occurrence, the expiry
 */
record TransactionView(String entryId, String type, String amountMicro, String lotId, String paymentId,
        String grantId, String finalizationId, String poolId, String nftId, Instant occurredAt) {
}
