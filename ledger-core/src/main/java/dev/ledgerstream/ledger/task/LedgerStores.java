package dev.ledgerstream.ledger.task;

import dev.ledgerstream.ledger.lots.CommunityState;
import dev.ledgerstream.ledger.lots.Lot;
import dev.ledgerstream.ledger.mode.ModeSetting;
import dev.ledgerstream.ledger.payment.PaymentState;
import dev.ledgerstream.ledger.usage.RecordedFinalization;

/**
 * The state one community task reads and writes: payments by payment id ({@code payment-store}),
 * each community's finalizations by {@link RecordedFinalization#storeKey(String, String)}
 * ({@code finalization-store}), communities with their open lots by community id
 * ({@code community-store}), closed lots by lot id ({@code lot-store}) and the charging modes by
 * scope ({@code charging-mode-store}). Getters return null for what was never stored.
 */
public interface LedgerStores {

    PaymentState payment(String paymentId);

    void putPayment(PaymentState state);

    RecordedFinalization finalization(String storeKey);

    void putFinalization(RecordedFinalization recorded);

    CommunityState community(String communityId);

    void putCommunity(CommunityState state);

    /** A lot that closed (exhausted, expired, revoked) and so left its community's state. */
    Lot closedLot(String lotId);

    void putClosedLot(Lot lot);

    /** A new open lot; a store that indexes expiry times adds it. */
    void lotOpened(Lot lot);

    /**
     * The charging and minting modes set for a scope: a community, or
     * {@link dev.ledgerstream.schemas.ingest.OperatorAction#GLOBAL} for every community of this task.
     */
    ModeSetting mode(String scope);

    void putMode(ModeSetting setting);
}
