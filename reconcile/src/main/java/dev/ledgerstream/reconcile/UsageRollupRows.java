package dev.ledgerstream.reconcile;

import dev.ledgerstream.reconcile.LedgerRow.Kind;
import java.math.BigInteger;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The usage aggregates (ADR 0019, 0021) as comparison rows: read from {@code usage_hourly},
 * {@code usage_nft_hourly} and {@code usage_nft_checkpoints}, or summed here from the replay's usage
 * rows, so that reconcile checks the aggregates the admin API reads against the replay as it checks
 * the rows they summarise. The replay's sums are held in memory: one entry per community, hour and
 * pool or NFT with usage.
 */
final class UsageRollupRows {

    /** The figures of an hour and pool, in the table's and the row's order. */
    static final List<String> HOUR_SUMS = List.of("events", "amount_micro", "debited_micro", "unfunded_micro",
            "waived_micro", "tokens_input", "tokens_output");
    /** The figures of an hour and NFT, and of an NFT's checkpoint. */
    static final List<String> NFT_SUMS = List.of("events", "amount_micro", "tokens_input", "tokens_output");

    private UsageRollupRows() {
    }

    /** An hour and pool of {@code usage_hourly}, keyed as {@link #of} keys the replay's. */
    static LedgerRow hourRow(String community, Instant hour, String pool, List<String> sums) {
        return row(Kind.USAGE_HOUR, community, hour + "|" + pool, HOUR_SUMS, sums);
    }

    /** An hour and NFT of {@code usage_nft_hourly}, keyed as {@link #of} keys the replay's. */
    static LedgerRow nftHourRow(String community, Instant hour, String nft, List<String> sums) {
        return row(Kind.USAGE_NFT_HOUR, community, hour + "|" + nft, NFT_SUMS, sums);
    }

    /** A block start and NFT of {@code usage_nft_checkpoints}, keyed as {@link #of} keys the replay's. */
    static LedgerRow checkpointRow(String community, Instant block, String nft, List<String> sums) {
        return row(Kind.USAGE_NFT_CHECKPOINT, community, block + "|" + nft, NFT_SUMS, sums);
    }

    /** The aggregates of the replay's usage rows, each in comparison order. */
    record Rollups(List<LedgerRow> hours, List<LedgerRow> nftHours, List<LedgerRow> checkpoints) {
    }

    /** The 6-hour block (UTC 00, 06, 12, 18) an hour falls in, as {@code app.usage_nft_block}. */
    static Instant block(Instant hour) {
        Instant day = hour.truncatedTo(ChronoUnit.DAYS);
        return day.plus(ChronoUnit.HOURS.between(day, hour) / BLOCK_HOURS * BLOCK_HOURS, ChronoUnit.HOURS);
    }

    private static final int BLOCK_HOURS = 6;

    /**
     * The replay's usage rows summed in one pass: per community, UTC hour and pool, and per
     * community, UTC hour and NFT ({@code ''} for none), each from the first whole hour at or after
     * {@code from} (null: all), since a replay from a time holds only the usage received from then;
     * and, for a whole replay only ({@code from} null: a checkpoint sums all history), the NFT
     * checkpoints: for each 6-hour block with usage, every NFT's usage before it.
     */
    static Rollups of(Iterator<LedgerRow> usage, Instant from) {
        Instant firstHour = from == null ? null : ceil(from, ChronoUnit.HOURS);
        Sums hours = new Sums(HOUR_SUMS);
        Sums nftHours = new Sums(NFT_SUMS);
        while (usage.hasNext()) {
            LedgerRow row = usage.next();
            Instant hour = Instant.parse(row.fields().get("created_at")).truncatedTo(ChronoUnit.HOURS);
            if (firstHour == null || !hour.isBefore(firstHour)) {
                hours.add(row, hour + "|" + row.fields().get("pool_id"));
                String nft = row.fields().get("nft_id");
                nftHours.add(row, hour + "|" + (nft == null ? "" : nft));
            }
        }
        return new Rollups(hours.rows(Kind.USAGE_HOUR), nftHours.rows(Kind.USAGE_NFT_HOUR),
                from == null ? nftHours.checkpoints() : List.of());
    }

    /** Exact sums of some fields (the first, {@code events}, counts rows) per community and key. */
    private static final class Sums {

        private final List<String> names;
        private final Map<String, Map<String, BigInteger[]>> groups = new TreeMap<>();

        Sums(List<String> names) {
            this.names = names;
        }

        void add(LedgerRow row, String key) {
            BigInteger[] sums = groups.computeIfAbsent(row.communityId(), community -> new TreeMap<>())
                    .computeIfAbsent(key, ignored -> zeros(names.size()));
            sums[0] = sums[0].add(BigInteger.ONE);
            for (int i = 1; i < names.size(); i++) {
                sums[i] = sums[i].add(new BigInteger(row.fields().get(names.get(i))));
            }
        }

        /**
         * Per community, for each block with usage in hour order, every NFT's sums over the hours
         * before the block ({@code names} are {@link #NFT_SUMS}, keys {@code hour|nft}).
         */
        List<LedgerRow> checkpoints() {
            List<LedgerRow> rows = new ArrayList<>();
            groups.forEach((community, byKey) -> {
                Map<String, BigInteger[]> before = new TreeMap<>();
                Instant block = null;
                for (Map.Entry<String, BigInteger[]> hourAndNft : byKey.entrySet()) {
                    int bar = hourAndNft.getKey().indexOf('|');
                    Instant hour = Instant.parse(hourAndNft.getKey().substring(0, bar));
                    if (!block(hour).equals(block)) {
                        block = block(hour);
                        for (Map.Entry<String, BigInteger[]> nft : before.entrySet()) {
                            rows.add(row(Kind.USAGE_NFT_CHECKPOINT, community, block + "|" + nft.getKey(), names,
                                    Arrays.stream(nft.getValue()).map(BigInteger::toString).toList()));
                        }
                    }
                    BigInteger[] sums = before.computeIfAbsent(hourAndNft.getKey().substring(bar + 1),
                            ignored -> zeros(names.size()));
                    for (int i = 0; i < sums.length; i++) {
                        sums[i] = sums[i].add(hourAndNft.getValue()[i]);
                    }
                }
            });
            return rows;
        }

        List<LedgerRow> rows(Kind kind) {
            List<LedgerRow> rows = new ArrayList<>();
            groups.forEach((community, byKey) -> byKey.forEach((key, sums) -> rows.add(
                    row(kind, community, key, names, Arrays.stream(sums).map(BigInteger::toString).toList()))));
            return rows;
        }
    }

    private static LedgerRow row(Kind kind, String community, String id, List<String> names, List<String> sums) {
        LedgerRow.Builder builder = LedgerRow.of(kind, community, id);
        for (int i = 0; i < names.size(); i++) {
            builder.text(names.get(i), sums.get(i));
        }
        return builder.build();
    }

    private static BigInteger[] zeros(int size) {
        BigInteger[] zeros = new BigInteger[size];
        Arrays.fill(zeros, BigInteger.ZERO);
        return zeros;
    }

    private static Instant ceil(Instant time, ChronoUnit unit) {
        Instant down = time.truncatedTo(unit);
        return down.equals(time) ? down : down.plus(1, unit);
    }
}
