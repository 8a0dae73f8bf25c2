package dev.ledgerstream.ledger.lots;

import dev.ledgerstream.ledger.identity.LedgerIds;
import dev.ledgerstream.schemas.ingest.ChargingMode;
import dev.ledgerstream.schemas.ingest.UsageFinalizationReceived;
import dev.ledgerstream.schemas.ledger.EntryType;
import dev.ledgerstream.schemas.ledger.GuardOutcome;
import dev.ledgerstream.schemas.ledger.LedgerEntry;
import dev.ledgerstream.schemas.ledger.LotDebit;
import dev.ledgerstream.schemas.ledger.UsageRecorded;
import java.time.Instant;
import java.util.List;

/** Builds the output records of the community ledger, with their deterministic ids. */
final class LedgerRecords {

    private LedgerRecords() {
    }

    static LedgerEntry minted(Lot lot) {
        return new LedgerEntry(LedgerIds.mintEntry(lot.lotId()), lot.communityId(), lot.lotId(), EntryType.LOT_MINTED,
                lot.mintedMicro(), lot.source(), lot.paymentId(), lot.grantId(), null, lot.createdAt(),
                lot.expiresAt(), lot.createdAt());
    }

    static LedgerEntry debited(Lot lot, long amountMicro, String finalizationId, Instant occurredAt) {
        return new LedgerEntry(LedgerIds.debitEntry(finalizationId, lot.lotId()), lot.communityId(), lot.lotId(),
                EntryType.LOT_DEBITED, amountMicro, lot.source(), lot.paymentId(), lot.grantId(), finalizationId,
                null, null, occurredAt);
    }

    /** Dated at the lot's expiry time, not when expiry ran, so the entry is the same in a replay. */
    static LedgerEntry expired(Lot lot, long amountMicro) {
        return new LedgerEntry(LedgerIds.expiryEntry(lot.lotId()), lot.communityId(), lot.lotId(),
                EntryType.LOT_EXPIRED, amountMicro, lot.source(), lot.paymentId(), lot.grantId(), null, null, null,
                lot.expiresAt());
    }

    static LedgerEntry revoked(Lot lot, long amountMicro, Instant occurredAt) {
        return new LedgerEntry(LedgerIds.revocationEntry(lot.lotId()), lot.communityId(), lot.lotId(),
                EntryType.LOT_REVOKED, amountMicro, lot.source(), lot.paymentId(), lot.grantId(), null, null, null,
                occurredAt);
    }

    static UsageRecorded usage(UsageFinalizationReceived usage, List<LotDebit> debits, long debitedMicro, long unfundedMicro,
            String contentHash) {
        return new UsageRecorded(usage.finalizationId(), usage.communityId(), usage.poolId(), usage.nftId(),
                usage.tokensInput(), usage.tokensOutput(), usage.amountMicro(), usage.reservationId(),
                usage.reservedMicro(), debitedMicro, unfundedMicro, debits, ChargingMode.LIVE, 0L, List.of(),
                GuardOutcome.PASS, contentHash, usage.occurredAt(), usage.receivedAt());
    }

    /** Usage recorded in shadow mode: nothing debited, the amount waived, what it would have debited kept. */
    static UsageRecorded shadowUsage(UsageFinalizationReceived usage, List<LotDebit> wouldHaveDebited,
            String contentHash) {
        return new UsageRecorded(usage.finalizationId(), usage.communityId(), usage.poolId(), usage.nftId(),
                usage.tokensInput(), usage.tokensOutput(), usage.amountMicro(), usage.reservationId(),
                usage.reservedMicro(), 0, 0, List.of(), ChargingMode.SHADOW, usage.amountMicro(), wouldHaveDebited,
                GuardOutcome.PASS, contentHash, usage.occurredAt(), usage.receivedAt());
    }
}
