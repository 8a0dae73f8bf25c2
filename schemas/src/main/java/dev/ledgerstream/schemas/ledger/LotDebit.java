package dev.ledgerstream.schemas.ledger;

import static dev.ledgerstream.schemas.ledger.LedgerFields.requireId;

/** The part of one usage event paid from one lot; never zero, since an empty debit is no debit. */
public record LotDebit(String lotId, long amountMicro) {

    public LotDebit {
        requireId("lot_id", lotId);
        if (amountMicro <= 0) {
            throw new IllegalArgumentException("a lot debit must be positive: " + amountMicro);
        }
    }
}
