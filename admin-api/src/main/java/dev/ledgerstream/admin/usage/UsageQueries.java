package dev.ledgerstream.admin.usage;

import dev.ledgerstream.admin.tenant.SqlValues;
import dev.ledgerstream.admin.web.TimeWindow;
import dev.ledgerstream.servicekit.web.ApiProblem;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The usage report's SQL: the window's usage by UTC day and pool (the totals, {@code by_pool} and
 * {@code by_day} are sums of those groups, added exactly in Java), and its largest NFTs, each read
 * from the aggregates for the window's whole hours and from the raw events only for its two partial
 * hours ({@link Rollups}).
 */
final class UsageQueries {

    /** A raw usage event as a day-and-pool group of one, beside the hourly aggregate's rows. */
    private static final String RAW_GROUP = "(created_at AT TIME ZONE 'UTC')::date, pool_id, 1, amount_micro, "
            + "debited_micro, unfunded_micro, waived_micro, tokens_input, tokens_output";
    /** A raw usage event as an NFT group of one, beside the NFT aggregates' rows. */
    private static final String RAW_NFT = "COALESCE(nft_id, ''), 1, amount_micro, tokens_input, tokens_output";

    /** Most day-and-pool groups one report reads; a window beyond it is refused, never truncated silently. */
    static final int MAX_GROUPS = 100_000;

    private static final String BY_DAY_AND_POOL = """
            SELECT day, pool_id, sum(events) AS events, sum(amount_micro) AS amount_micro,
                   sum(debited_micro) AS debited_micro, sum(unfunded_micro) AS unfunded_micro,
                   sum(waived_micro) AS waived_micro, sum(tokens_input) AS tokens_input,
                   sum(tokens_output) AS tokens_output
            FROM (SELECT (hour AT TIME ZONE 'UTC')::date AS day, pool_id, events, amount_micro, debited_micro,
                         unfunded_micro, waived_micro, tokens_input, tokens_output
                  FROM ledger.usage_hourly WHERE community_id = ? AND hour >= ? AND hour < ?
                  UNION ALL SELECT %1$s FROM ledger.usage_events WHERE\s""".formatted(RAW_GROUP)
            + Rollups.RAW_ENDS.formatted(RAW_GROUP) + """
            ) parts
            GROUP BY day, pool_id
            ORDER BY day, pool_id
            LIMIT ?""";

    /** The latest NFT checkpoints at or before the window's first and last whole hour (ADR 0021). */
    private static final String CHECKPOINTS = """
            SELECT (SELECT max(hour) FROM ledger.usage_nft_checkpoints WHERE community_id = ? AND hour <= ?) AS at_start,
                   (SELECT max(hour) FROM ledger.usage_nft_checkpoints WHERE community_id = ? AND hour <= ?) AS at_end""";

    /**
     * Each NFT's usage in the window: its usage before the window's whole end minus its usage before
     * the window's whole start, each the NFT's checkpoint at the latest block start at or before the
     * time plus its hourly rows since, and the raw events of the two partial hours. The checkpoints'
     * hours are bound as values (read first): bounds computed inside the statement made PostgreSQL's
     * generic plan scan the whole hourly table.
     */
    private static final String BY_NFT = """
            SELECT NULLIF(nft_id, '') AS nft_id, sum(events) AS events, sum(amount_micro) AS amount_micro,
                   sum(tokens_input) AS tokens_input, sum(tokens_output) AS tokens_output
            FROM (SELECT nft_id, events, amount_micro, tokens_input, tokens_output
                  FROM ledger.usage_nft_checkpoints WHERE community_id = ? AND hour = ?
                  UNION ALL SELECT nft_id, events, amount_micro, tokens_input, tokens_output
                  FROM ledger.usage_nft_hourly WHERE community_id = ? AND hour >= ? AND hour < ?
                  UNION ALL SELECT nft_id, -events, -amount_micro, -tokens_input, -tokens_output
                  FROM ledger.usage_nft_checkpoints WHERE community_id = ? AND hour = ?
                  UNION ALL SELECT nft_id, -events, -amount_micro, -tokens_input, -tokens_output
                  FROM ledger.usage_nft_hourly WHERE community_id = ? AND hour >= ? AND hour < ?
                  UNION ALL SELECT %1$s FROM ledger.usage_events WHERE\s""".formatted(RAW_NFT)
            + Rollups.RAW_ENDS.formatted(RAW_NFT) + """
            ) parts
            GROUP BY nft_id
            HAVING sum(events) > 0
            ORDER BY amount_micro DESC, nft_id NULLS FIRST
            LIMIT ?""";

    /** Where hourly rows start when no checkpoint precedes a time: before any receipt time. */
    private static final Instant BEFORE_ANY_USAGE = Instant.EPOCH;

    private UsageQueries() {
    }

    static UsageReport report(Connection connection, UUID community, TimeWindow window, int maxNfts)
            throws SQLException {
        List<Group> groups = groups(connection, community, window);
        List<UsageReport.NftUsage> nfts = nfts(connection, community, window, maxNfts + 1);
        boolean truncated = nfts.size() > maxNfts;
        Sum total = new Sum();
        Map<String, Sum> pools = new LinkedHashMap<>();
        Map<LocalDate, Sum> days = new TreeMap<>();
        Map<LocalDate, Map<String, String>> dayPools = new TreeMap<>();
        for (Group group : groups) {
            total.add(group);
            pools.computeIfAbsent(group.poolId(), ignored -> new Sum()).add(group);
            days.computeIfAbsent(group.day(), ignored -> new Sum()).add(group);
            dayPools.computeIfAbsent(group.day(), ignored -> new TreeMap<>())
                    .put(group.poolId(), group.amountMicro().toString());
        }
        List<UsageReport.PoolUsage> byPool = pools.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<String, Sum> pool) -> pool.getValue().amountMicro).reversed()
                        .thenComparing(Map.Entry::getKey))
                .map(pool -> new UsageReport.PoolUsage(pool.getKey(), pool.getValue().amountMicro.toString(),
                        pool.getValue().events, pool.getValue().tokensInput, pool.getValue().tokensOutput))
                .toList();
        List<UsageReport.DayUsage> byDay = days.entrySet().stream()
                .map(day -> new UsageReport.DayUsage(day.getKey(), day.getValue().amountMicro.toString(),
                        day.getValue().events, day.getValue().tokensInput, day.getValue().tokensOutput,
                        dayPools.get(day.getKey())))
                .toList();
        return new UsageReport(community.toString(), window.from(), window.to(), total.amountMicro.toString(),
                total.debitedMicro.toString(), total.unfundedMicro.toString(), total.waivedMicro.toString(),
                total.events, total.tokensInput,
                total.tokensOutput, byPool, truncated ? nfts.subList(0, maxNfts) : nfts, truncated, byDay);
    }

    private static List<Group> groups(Connection connection, UUID community, TimeWindow window) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(BY_DAY_AND_POOL)) {
            Rollups.Split split = Rollups.Split.of(window, ChronoUnit.HOURS);
            int next = Rollups.bindEnds(statement, Rollups.bindWhole(statement, 1, community, split), community, split);
            statement.setInt(next, MAX_GROUPS + 1);
            List<Group> groups = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    groups.add(new Group(rows.getObject("day", LocalDate.class), rows.getString("pool_id"),
                            rows.getLong("events"), SqlValues.integer(rows, "amount_micro"),
                            SqlValues.integer(rows, "debited_micro"), SqlValues.integer(rows, "unfunded_micro"),
                            SqlValues.integer(rows, "waived_micro"), SqlValues.integer(rows, "tokens_input"),
                            SqlValues.integer(rows, "tokens_output")));
                }
            }
            if (groups.size() > MAX_GROUPS) {
                throw ApiProblem.invalidParameter("from", "the window holds more than " + MAX_GROUPS
                        + " day-and-pool groups; ask for a shorter window");
            }
            return groups;
        }
    }

    private static List<UsageReport.NftUsage> nfts(Connection connection, UUID community, TimeWindow window,
            int limit) throws SQLException {
        Rollups.Split split = Rollups.Split.of(window, ChronoUnit.HOURS);
        Instant atStart;
        Instant atEnd;
        try (PreparedStatement statement = connection.prepareStatement(CHECKPOINTS)) {
            SqlValues.setUuid(statement, 1, community);
            SqlValues.setInstant(statement, 2, split.wholeFrom());
            SqlValues.setUuid(statement, 3, community);
            SqlValues.setInstant(statement, 4, split.wholeTo());
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                atStart = SqlValues.instant(rows, "at_start");
                atEnd = SqlValues.instant(rows, "at_end");
            }
        }
        try (PreparedStatement statement = connection.prepareStatement(BY_NFT)) {
            int next = bindBefore(statement, 1, community, atEnd, split.wholeTo());
            next = bindBefore(statement, next, community, atStart, split.wholeFrom());
            next = Rollups.bindEnds(statement, next, community, split);
            statement.setInt(next, limit);
            List<UsageReport.NftUsage> nfts = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    nfts.add(new UsageReport.NftUsage(rows.getString("nft_id"), SqlValues.micro(rows, "amount_micro"),
                            rows.getLong("events"), SqlValues.integer(rows, "tokens_input"),
                            SqlValues.integer(rows, "tokens_output")));
                }
            }
            return nfts;
        }
    }

    /**
     * Binds one "usage before {@code until}" part of {@link #BY_NFT}: the checkpoint's rows (none
     * without a checkpoint) and the hourly rows from it to {@code until}; returns the next index.
     */
    private static int bindBefore(PreparedStatement statement, int index, UUID community, Instant checkpoint,
            Instant until) throws SQLException {
        SqlValues.setUuid(statement, index, community);
        if (checkpoint == null) {
            statement.setNull(index + 1, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            SqlValues.setInstant(statement, index + 1, checkpoint);
        }
        SqlValues.setUuid(statement, index + 2, community);
        SqlValues.setInstant(statement, index + 3, checkpoint == null ? BEFORE_ANY_USAGE : checkpoint);
        SqlValues.setInstant(statement, index + 4, until);
        return index + 5;
    }

    /** One row of the day-and-pool grouping; sums exact, in {@code numeric}, whatever their size. */
    private record Group(LocalDate day, String poolId, long events, BigInteger amountMicro, BigInteger debitedMicro,
            BigInteger unfundedMicro, BigInteger waivedMicro, BigInteger tokensInput, BigInteger tokensOutput) {
    }

    /** Exact running sums: beyond 64 bits they are still exact, never an error (SPEC 7, I-9). */
    private static final class Sum {
        long events;
        BigInteger amountMicro = BigInteger.ZERO;
        BigInteger debitedMicro = BigInteger.ZERO;
        BigInteger unfundedMicro = BigInteger.ZERO;
        BigInteger waivedMicro = BigInteger.ZERO;
        BigInteger tokensInput = BigInteger.ZERO;
        BigInteger tokensOutput = BigInteger.ZERO;

        void add(Group group) {
            events = Math.addExact(events, group.events());
            amountMicro = amountMicro.add(group.amountMicro());
            debitedMicro = debitedMicro.add(group.debitedMicro());
            unfundedMicro = unfundedMicro.add(group.unfundedMicro());
            waivedMicro = waivedMicro.add(group.waivedMicro());
            tokensInput = tokensInput.add(group.tokensInput());
            tokensOutput = tokensOutput.add(group.tokensOutput());
        }
    }
}
