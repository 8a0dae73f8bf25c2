package dev.ledgerstream.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerstream.reconcile.LedgerRow.Kind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** The replay's side of the NFT aggregates (ADR 0021), summed as the roll-up trigger keeps them. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class UsageRollupRowsTest {

    private static final String A = "0a9f8d5c-1b2e-4c3d-8e4f-5a6b7c8d9e0f";
    private static final String B = "1b9f8d5c-1b2e-4c3d-8e4f-5a6b7c8d9e0f";

    @Test
    void each_block_with_usage_checkpoints_every_nfts_usage_before_it() {
        // given usage of community A in hours 1, 2, 7, 13 and 13 of a day (blocks 00, 06, 12), in no
        // particular order, and of community B in one block only
        List<LedgerRow> usage = new ArrayList<>(List.of(
                usage(A, "13:10", "nft-a", 40), usage(A, "01:05", "nft-a", 10), usage(A, "07:00", "nft-a", 30),
                usage(A, "02:59", "nft-b", 20), usage(A, "13:20", null, 50), usage(B, "03:00", "nft-a", 7)));
        usage.sort(java.util.Comparator.comparing(LedgerRow::communityId).thenComparing(LedgerRow::id));

        // when
        UsageRollupRows.Rollups rollups = UsageRollupRows.of(usage.iterator(), null);

        // then: block 00 has no usage before it, block 06 has a and b's, block 12 also hour 7's; the
        // usage without an NFT ('') comes only in block 12, so no checkpoint holds it yet
        assertThat(rollups.checkpoints()).extracting(row -> row.communityId() + " " + row.id() + " "
                + row.fields().get("events") + " " + row.fields().get("amount_micro")).containsExactly(
                A + " 2026-11-01T06:00:00Z|nft-a 1 10",
                A + " 2026-11-01T06:00:00Z|nft-b 1 20",
                A + " 2026-11-01T12:00:00Z|nft-a 2 40",
                A + " 2026-11-01T12:00:00Z|nft-b 1 20");
        assertThat(rollups.nftHours()).extracting(LedgerRow::id).containsExactly("2026-11-01T01:00:00Z|nft-a",
                "2026-11-01T02:00:00Z|nft-b", "2026-11-01T07:00:00Z|nft-a", "2026-11-01T13:00:00Z|",
                "2026-11-01T13:00:00Z|nft-a", "2026-11-01T03:00:00Z|nft-a");
        assertThat(rollups.checkpoints()).allMatch(row -> row.kind() == Kind.USAGE_NFT_CHECKPOINT);
    }

    @Test
    void a_replay_from_a_time_compares_no_checkpoint_since_each_sums_all_history() {
        // when
        UsageRollupRows.Rollups rollups = UsageRollupRows.of(List.of(usage(A, "01:05", "nft-a", 10),
                usage(A, "07:00", "nft-a", 30)).iterator(), Instant.parse("2026-11-01T00:30:00Z"));

        // then: hours from the first whole one on, and no checkpoint
        assertThat(rollups.nftHours()).extracting(LedgerRow::id)
                .containsExactly("2026-11-01T01:00:00Z|nft-a", "2026-11-01T07:00:00Z|nft-a");
        assertThat(rollups.checkpoints()).isEmpty();
    }

    @Test
    void blocks_start_at_00_06_12_and_18_utc() {
        assertThat(UsageRollupRows.block(Instant.parse("2026-11-01T05:00:00Z")))
                .isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
        assertThat(UsageRollupRows.block(Instant.parse("2026-11-01T06:00:00Z")))
                .isEqualTo(Instant.parse("2026-11-01T06:00:00Z"));
        assertThat(UsageRollupRows.block(Instant.parse("2026-11-01T23:00:00Z")))
                .isEqualTo(Instant.parse("2026-11-01T18:00:00Z"));
    }

    private static LedgerRow usage(String community, String time, String nft, long amount) {
        return LedgerRow.of(Kind.USAGE, community, "f-" + time + "-" + nft)
                .text("created_at", "2026-11-01T" + time + ":00Z").text("pool_id", "cheap").text("nft_id", nft)
                .micro("amount_micro", amount).micro("debited_micro", amount).micro("unfunded_micro", 0)
                .micro("waived_micro", 0).micro("tokens_input", 1).micro("tokens_output", 2).build();
    }
}
