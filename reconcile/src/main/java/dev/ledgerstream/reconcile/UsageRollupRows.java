package dev.ledgerstream.reconcile;

import dev.ledgerstream.reconcile.LedgerRow.Kind;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

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

    static LedgerRow hourRow(String community, Instant hour, String pool, List<String> sums) {
        return row(Kind.USAGE_HOUR, community, hour + "|" + pool, HOUR_SUMS, sums);
    }

    static LedgerRow nftDayRow(String community, LocalDate day, String nft, List<String> sums) {
        return row(Kind.USAGE_NFT_DAY, community, day + "|" + nft, NFT_SUMS, sums);
    }

    /**
     * The replay's usage rows summed per community, UTC hour and pool, in comparison order; from the
     * first whole hour at or after {@code from} (null: every hour).
     */
    static Iterator<LedgerRow> hours(Iterator<LedgerRow> usage, Instant from) {
        Instant first = from == null ? null : ceil(from, ChronoUnit.HOURS);
        return sum(usage, HOUR_SUMS, received -> {
            Instant hour = received.truncatedTo(ChronoUnit.HOURS);
            return first != null && hour.isBefore(first) ? null : hour.toString();
        }, row -> row.fields().get("pool_id"), (community, key, sums) -> {
            String[] parts = key.split("\\|", 2);
            return hourRow(community, Instant.parse(parts[0]), parts[1], sums);
        });
    }

    /** The replay's usage rows summed per community, UTC day and NFT ({@code ''} for none), as {@link #hours}. */
    static Iterator<LedgerRow> nftDays(Iterator<LedgerRow> usage, Instant from) {
        LocalDate first = from == null ? null : LocalDate.ofInstant(ceil(from, ChronoUnit.DAYS), ZoneOffset.UTC);
        return sum(usage, NFT_SUMS, received -> {
            LocalDate day = LocalDate.ofInstant(received, ZoneOffset.UTC);
            return first != null && day.isBefore(first) ? null : day.toString();
        }, row -> row.fields().get("nft_id") == null ? "" : row.fields().get("nft_id"), (community, key, sums) -> {
            String[] parts = key.split("\\|", 2);
            return nftDayRow(community, LocalDate.parse(parts[0]), parts[1], sums);
        });
    }

    private interface RowOf {
        LedgerRow make(String community, String key, List<String> sums);
    }

    private static Iterator<LedgerRow> sum(Iterator<LedgerRow> usage, List<String> names,
            Function<Instant, String> unitOf, Function<LedgerRow, String> groupOf, RowOf rowOf) {
        Map<String, Map<String, BigInteger[]>> groups = new TreeMap<>();
        while (usage.hasNext()) {
            LedgerRow row = usage.next();
            String unit = unitOf.apply(Instant.parse(row.fields().get("created_at")));
            if (unit == null) {
                continue;
            }
            BigInteger[] sums = groups.computeIfAbsent(row.communityId(), community -> new TreeMap<>())
                    .computeIfAbsent(unit + "|" + groupOf.apply(row), key -> zeros(names.size()));
            sums[0] = sums[0].add(BigInteger.ONE);
            for (int i = 1; i < names.size(); i++) {
                sums[i] = sums[i].add(new BigInteger(row.fields().get(names.get(i))));
            }
        }
        List<LedgerRow> rows = new ArrayList<>();
        groups.forEach((community, byKey) -> byKey.forEach((key, sums) ->
                rows.add(rowOf.make(community, key, java.util.Arrays.stream(sums).map(BigInteger::toString).toList()))));
        return rows.iterator();
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
        java.util.Arrays.fill(zeros, BigInteger.ZERO);
        return zeros;
    }

    private static Instant ceil(Instant time, ChronoUnit unit) {
        Instant down = time.truncatedTo(unit);
        return down.equals(time) ? down : down.plus(1, unit);
    }
}
