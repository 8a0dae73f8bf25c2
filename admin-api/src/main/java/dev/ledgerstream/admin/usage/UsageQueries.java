package dev.ledgerstream.admin.usage;

import dev.ledgerstream.admin.tenant.SqlValues;
import dev.ledgerstream.admin.web.TimeWindow;
import dev.ledgerstream.servicekit.web.ApiProblem;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The usage report's SQL: one pass grouping the window's usage by UTC day and pool (the totals,
 * {@code by_pool} and {@code by_day} are sums of those groups, added exactly in Java), and one for
 * the largest NFTs. Both use the index {@code usage_events (community_id, created_at)}.
 */
final class UsageQueries {

    /** Most day-and-pool groups one report reads; a window beyond it is refused, never truncated silently. */
    static final int MAX_GROUPS = 100_000;

    private static final String BY_DAY_AND_POOL = """
            SELECT (created_at AT TIME ZONE 'UTC')::date AS day, pool_id, count(*) AS events,
                   sum(amount_micro)::bigint AS amount_micro, sum(debited_micro)::bigint AS debited_micro,
                   sum(unfunded_micro)::bigint AS unfunded_micro, sum(waived_micro)::bigint AS waived_micro,
                   sum(tokens_input)::bigint AS tokens_input,
                   sum(tokens_output)::bigint AS tokens_output
            FROM ledger.usage_events
            WHERE community_id = ? AND created_at >= ? AND created_at < ?
            GROUP BY 1, 2
            ORDER BY 1, 2
            LIMIT ?""";

    private static final String BY_NFT = """
            SELECT nft_id, count(*) AS events, sum(amount_micro)::bigint AS amount_micro,
                   sum(tokens_input)::bigint AS tokens_input, sum(tokens_output)::bigint AS tokens_output
            FROM ledger.usage_events
            WHERE community_id = ? AND created_at >= ? AND created_at < ?
            GROUP BY nft_id
            ORDER BY amount_micro DESC, nft_id NULLS FIRST
            LIMIT ?""";

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
                    .put(group.poolId(), Long.toString(group.amountMicro()));
        }
        List<UsageReport.PoolUsage> byPool = pools.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<String, Sum> pool) -> pool.getValue().amountMicro).reversed()
                        .thenComparing(Map.Entry::getKey))
                .map(pool -> new UsageReport.PoolUsage(pool.getKey(), Long.toString(pool.getValue().amountMicro),
                        pool.getValue().events, pool.getValue().tokensInput, pool.getValue().tokensOutput))
                .toList();
        List<UsageReport.DayUsage> byDay = days.entrySet().stream()
                .map(day -> new UsageReport.DayUsage(day.getKey(), Long.toString(day.getValue().amountMicro),
                        day.getValue().events, day.getValue().tokensInput, day.getValue().tokensOutput,
                        dayPools.get(day.getKey())))
                .toList();
        return new UsageReport(community.toString(), window.from(), window.to(), Long.toString(total.amountMicro),
                Long.toString(total.debitedMicro), Long.toString(total.unfundedMicro), Long.toString(total.waivedMicro),
                total.events, total.tokensInput,
                total.tokensOutput, byPool, truncated ? nfts.subList(0, maxNfts) : nfts, truncated, byDay);
    }

    private static List<Group> groups(Connection connection, UUID community, TimeWindow window) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(BY_DAY_AND_POOL)) {
            bindWindow(statement, community, window);
            statement.setInt(4, MAX_GROUPS + 1);
            List<Group> groups = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    groups.add(new Group(rows.getObject("day", LocalDate.class), rows.getString("pool_id"),
                            rows.getLong("events"), rows.getLong("amount_micro"), rows.getLong("debited_micro"),
                            rows.getLong("unfunded_micro"), rows.getLong("waived_micro"), rows.getLong("tokens_input"),
                            rows.getLong("tokens_output")));
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
        try (PreparedStatement statement = connection.prepareStatement(BY_NFT)) {
            bindWindow(statement, community, window);
            statement.setInt(4, limit);
            List<UsageReport.NftUsage> nfts = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    nfts.add(new UsageReport.NftUsage(rows.getString("nft_id"), SqlValues.micro(rows, "amount_micro"),
                            rows.getLong("events"), rows.getLong("tokens_input"), rows.getLong("tokens_output")));
                }
            }
            return nfts;
        }
    }

    private static void bindWindow(PreparedStatement statement, UUID community, TimeWindow window)
            throws SQLException {
        SqlValues.setUuid(statement, 1, community);
        SqlValues.setInstant(statement, 2, window.from());
        SqlValues.setInstant(statement, 3, window.to());
    }

    /** One row of the day-and-pool grouping. */
    private record Group(LocalDate day, String poolId, long events, long amountMicro, long debitedMicro,
            long unfundedMicro, long waivedMicro, long tokensInput, long tokensOutput) {
    }

    /** Exact running sums; an overflow throws rather than wraps (I-9). */
    private static final class Sum {
        long events;
        long amountMicro;
        long debitedMicro;
        long unfundedMicro;
        long waivedMicro;
        long tokensInput;
        long tokensOutput;

        void add(Group group) {
            events = Math.addExact(events, group.events());
            amountMicro = Math.addExact(amountMicro, group.amountMicro());
            debitedMicro = Math.addExact(debitedMicro, group.debitedMicro());
            unfundedMicro = Math.addExact(unfundedMicro, group.unfundedMicro());
            waivedMicro = Math.addExact(waivedMicro, group.waivedMicro());
            tokensInput = Math.addExact(tokensInput, group.tokensInput());
            tokensOutput = Math.addExact(tokensOutput, group.tokensOutput());
        }
    }
}
