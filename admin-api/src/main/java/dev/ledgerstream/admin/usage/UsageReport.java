package dev.ledgerstream.admin.usage;

import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/admin/community/{id}/usage}: the community's usage recorded in
 * {@code [from, to)} (by the time the ledger received it), with its breakdowns. Amounts are
 * micro-credit integers as strings; token counts are JSON numbers. Sums are exact at any size.
 *
 * @param totalSpendMicro what the usage cost: debited from lots plus unfunded plus waived
 * @param debitedMicro    the part paid from lots
 * @param unfundedMicro   the part the balance did not cover (an I-12 violation when not zero)
 * @param waivedMicro     the part not charged because charging was in shadow mode (SPEC 5.5)
 * @param byNftTruncated  true when more NFTs had usage than the list holds (the largest are listed)
 * @param byDay           UTC days with usage, oldest first, each split by pool
 */
record UsageReport(
        String communityId,
        Instant from,
        Instant to,
        String totalSpendMicro,
        String debitedMicro,
        String unfundedMicro,
        String waivedMicro,
        long events,
        BigInteger tokensInput,
        BigInteger tokensOutput,
        List<PoolUsage> byPool,
        List<NftUsage> byNft,
        boolean byNftTruncated,
        List<DayUsage> byDay) {

    /** One pool's usage; pools ordered by amount, largest first. */
    record PoolUsage(String poolId, String amountMicro, long events, BigInteger tokensInput, BigInteger tokensOutput) {
    }

    /** One NFT's usage; {@code nftId} null for usage that named no NFT. */
    record NftUsage(String nftId, String amountMicro, long events, BigInteger tokensInput, BigInteger tokensOutput) {
    }

    /** One UTC day's usage, with its amount per pool. */
    record DayUsage(LocalDate day, String amountMicro, long events, BigInteger tokensInput, BigInteger tokensOutput,
            Map<String, String> byPool) {
    }
}
