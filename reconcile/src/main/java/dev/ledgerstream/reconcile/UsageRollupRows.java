package dev.ledgerstream.reconcile;

import dev.ledgerstream.reconcile.LedgerRow.Kind;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The usage aggregates (ADR 0019) as comparison rows: read from {@code usage_hourly} and
 * {@code usage_daily_nft}, or summed here from the replay's usage rows, so that reconcile checks
 * the aggregates the admin API reads against the replay as it checks the rows they summarise.
 */
final class UsageRollupRows {

    /** The figures of an hour and pool, in the table's and the row's order. */
    static final List<String> HOUR_SUMS = List.of("events", "amount_micro", "debited_micro", "unfunded_micro",
            "waived_micro", "tokens_input", "tokens_output");
    /** The figures of a day and NFT. */
    static final List<String> NFT_SUMS = List.of("events", "amount_micro", "tokens_input", "tokens_output");

    private UsageRollupRows() {
    }

    /** An hour and pool of {@code usage_hourly}, keyed as {@link #of} keys the replay's. */
    static LedgerRow hourRow(String community, Instant hour, String pool, List<String> sums) {
        return row(Kind.USAGE_HOUR, community, hour + "|" + pool, HOUR_SUMS, sums);
    }

    /** A day and NFT of {@code usage_daily_nft}, keyed as {@link #of} keys the replay's. */
    static LedgerRow nftDayRow(String community, LocalDate day, String nft, List<String> sums) {
        return row(Kind.USAGE_NFT_DAY, community, day + "|" + nft, NFT_SUMS, sums);
    }

    /** Both aggregates of the replay's usage rows, each in comparison order. */
    record Rollups(List<LedgerRow> hours, List<LedgerRow> nftDays) {
    }

    /**
     * The replay's usage rows summed in one pass: per community, UTC hour and pool, and per
     * community, UTC day and NFT ({@code ''} for none); each from the first whole hour (day) at or
     * after {@code from} (null: all), since a replay from a time holds only the usage received from then.
     */
    static Rollups of(Iterator<LedgerRow> usage, Instant from) {
        Instant firstHour = from == null ? null : ceil(from, ChronoUnit.HOURS);
        LocalDate firstDay = from == null ? null : LocalDate.ofInstant(ceil(from, ChronoUnit.DAYS), ZoneOffset.UTC);
        Sums hours = new Sums(HOUR_SUMS);
        Sums nftDays = new Sums(NFT_SUMS);
        while (usage.hasNext()) {
            LedgerRow row = usage.next();
            Instant received = Instant.parse(row.fields().get("created_at"));
            Instant hour = received.truncatedTo(ChronoUnit.HOURS);
            if (firstHour == null || !hour.isBefore(firstHour)) {
                hours.add(row, hour + "|" + row.fields().get("pool_id"));
            }
            LocalDate day = LocalDate.ofInstant(received, ZoneOffset.UTC);
            if (firstDay == null || !day.isBefore(firstDay)) {
                String nft = row.fields().get("nft_id");
                nftDays.add(row, day + "|" + (nft == null ? "" : nft));
            }
        }
        return new Rollups(hours.rows(Kind.USAGE_HOUR), nftDays.rows(Kind.USAGE_NFT_DAY));
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
