package dev.ledgerstream.schemas.ledger;

import static dev.ledgerstream.schemas.ledger.LedgerFields.require;
import static dev.ledgerstream.schemas.ledger.LedgerFields.requireCommunityId;
import static dev.ledgerstream.schemas.ledger.LedgerFields.requireId;
import static dev.ledgerstream.schemas.ledger.LedgerFields.requireMicro;
import static dev.ledgerstream.schemas.ledger.LedgerFields.requirePaymentId;

import java.time.Instant;

/**
 * One change to one credit lot (topic {@code ledger.entries.v1}, keyed by community id). The
 * ledger is the append-only sequence of these; a lot's remaining balance is its minted amount less
 * its other entries.
 *
 * @param entryId        deterministic id derived from the cause (lot id, finalization id)
 * @param paymentId      the paying payment, set exactly for lots whose source is {@code payment}
 * @param grantId        the grant, set exactly for lots whose source is {@code grant}
 * @param finalizationId the usage finalization, set exactly for {@code lot_debited}
 * @param lotCreatedAt   when the lot was created; set on {@code lot_minted} only
 * @param lotExpiresAt   when the lot expires; on {@code lot_minted} only, null for no expiry
 * @param occurredAt     the business time of the change: the payment notification's receipt,
 *                       the usage's occurrence, or the lot's expiry time
 */
public record LedgerEntry(
        String entryId,
        String communityId,
        String lotId,
        EntryType type,
        long amountMicro,
        LotSource lotSource,
        String paymentId,
        String grantId,
        String finalizationId,
        Instant lotCreatedAt,
        Instant lotExpiresAt,
        Instant occurredAt) implements LedgerRecord {

    public LedgerEntry {
        requireId("entry_id", entryId);
        requireCommunityId("community_id", communityId);
        requireId("lot_id", lotId);
        require("type", type);
        requireMicro("amount_micro", amountMicro);
        require("lot_source", lotSource);
        requireCause(lotSource, paymentId, grantId);
        if ((type == EntryType.LOT_DEBITED) != (finalizationId != null)) {
            throw new IllegalArgumentException("finalization_id is set exactly on lot_debited entries");
        }
        if ((type == EntryType.LOT_MINTED) != (lotCreatedAt != null)) {
            throw new IllegalArgumentException("lot_created_at is set exactly on lot_minted entries");
        }
        if (lotExpiresAt != null && type != EntryType.LOT_MINTED) {
            throw new IllegalArgumentException("lot_expires_at is set on lot_minted entries only");
        }
        require("occurred_at", occurredAt);
    }

    private static void requireCause(LotSource source, String paymentId, String grantId) {
        if (source == LotSource.PAYMENT) {
            requirePaymentId(paymentId);
        }
        if ((source == LotSource.GRANT) != (grantId != null) || (source == LotSource.GRANT && paymentId != null)) {
            throw new IllegalArgumentException("a lot has either a payment id or a grant id, matching its source");
        }
        if (grantId != null) {
            requireId("grant_id", grantId);
        }
    }

    @Override
    public String key() {
        return communityId;
    }
}
