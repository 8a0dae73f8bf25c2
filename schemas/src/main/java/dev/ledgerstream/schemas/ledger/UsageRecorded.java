package dev.ledgerstream.schemas.ledger;

import static dev.ledgerstream.schemas.ledger.LedgerFields.require;
import static dev.ledgerstream.schemas.ledger.LedgerFields.requireCommunityId;
import static dev.ledgerstream.schemas.ledger.LedgerFields.requireId;
import static dev.ledgerstream.schemas.ledger.LedgerFields.requireMicro;
import static dev.ledgerstream.schemas.ledger.LedgerFields.requireSha256;

import dev.ledgerstream.schemas.ingest.ChargingMode;
import java.time.Instant;
import java.util.List;

/**
 * One usage finalization as the ledger recorded it (topic {@code ledger.usage-events.v1}, keyed by
 * community id): exactly one per community and finalization id (I-6, ADR 0008). Usage is never dropped: what the balance
 * did not cover is {@code unfundedMicro}.
 *
 * @param reservedMicro the reservation, or null when none was given
 * @param debitedMicro  the part paid from lots, the sum of {@code debits}
 * @param debits        the lots debited, in debit order
 * @param chargingMode  {@code shadow} when charging was in shadow mode (SPEC 5.5): nothing was debited
 *                      and the amount is waived; {@code live} otherwise (also when absent on the wire)
 * @param waivedMicro   the part of the amount not charged because of shadow mode (I-3:
 *                      debited + unfunded + waived = amount); 0 in live mode
 * @param shadowDebits  in shadow mode, the lots this usage would have debited; empty in live mode
 * @param guardResult   {@code fail} when any conservation check of this operation failed
 * @param contentHash   SHA-256 of the finalization's canonical content; a resend with another hash
 *                      is a conflict
 * @param recordedAt    when the ingest API received the finalization
 */
public record UsageRecorded(
        String finalizationId,
        String communityId,
        String poolId,
        String nftId,
        long tokensInput,
        long tokensOutput,
        long amountMicro,
        String reservationId,
        Long reservedMicro,
        long debitedMicro,
        long unfundedMicro,
        List<LotDebit> debits,
        ChargingMode chargingMode,
        Long waivedMicro,
        List<LotDebit> shadowDebits,
        GuardOutcome guardResult,
        String contentHash,
        Instant occurredAt,
        Instant recordedAt) implements LedgerRecord {

    public UsageRecorded {
        requireId("finalization_id", finalizationId);
        requireCommunityId("community_id", communityId);
        requireId("pool_id", poolId);
        requireMicro("tokens_input", tokensInput);
        requireMicro("tokens_output", tokensOutput);
        requireMicro("amount_micro", amountMicro);
        if (reservedMicro != null) {
            requireMicro("reserved_micro", reservedMicro);
        }
        requireMicro("debited_micro", debitedMicro);
        requireMicro("unfunded_micro", unfundedMicro);
        debits = List.copyOf(require("debits", debits));
        chargingMode = chargingMode == null ? ChargingMode.LIVE : chargingMode;
        waivedMicro = waivedMicro == null ? 0L : waivedMicro;
        requireMicro("waived_micro", waivedMicro);
        shadowDebits = shadowDebits == null ? List.of() : List.copyOf(shadowDebits);
        if (chargingMode == ChargingMode.LIVE && (waivedMicro != 0 || !shadowDebits.isEmpty())) {
            throw new IllegalArgumentException("a usage event charged live waives nothing and has no shadow debits");
        }
        if (chargingMode == ChargingMode.SHADOW && (debitedMicro != 0 || unfundedMicro != 0 || !debits.isEmpty())) {
            throw new IllegalArgumentException("a usage event in shadow mode debits nothing: its amount is waived");
        }
        require("guard_result", guardResult);
        requireSha256("content_hash", contentHash);
        require("occurred_at", occurredAt);
        require("recorded_at", recordedAt);
    }

    /** The same record with the guard's verdict, which is known only after the checks ran. */
    public UsageRecorded withGuardResult(GuardOutcome result) {
        return new UsageRecorded(finalizationId, communityId, poolId, nftId, tokensInput, tokensOutput,
                amountMicro, reservationId, reservedMicro, debitedMicro, unfundedMicro, debits, chargingMode,
                waivedMicro, shadowDebits, result, contentHash, occurredAt, recordedAt);
    }

    @Override
    public String key() {
        return communityId;
    }
}
