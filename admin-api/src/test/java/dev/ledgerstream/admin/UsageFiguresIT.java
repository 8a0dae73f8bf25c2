package dev.ledgerstream.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.StringJoiner;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * The usage and billing reads answer from the aggregates (issue 14, ADR 0019), and must give exactly
 * the figures of the raw rows: for random workloads (lots with debits, expiries and revocations;
 * usage over six days in random pools and NFTs, some in shadow mode; written in batches of random
 * size, some rows twice, as redeliveries are) and random windows (aligned to hours or days or not,
 * shorter than an hour or days long), every figure of {@code …/usage} and {@code …/billing} is
 * compared with a direct query over {@code usage_events} and {@code lot_entries}.
 */
class UsageFiguresIT extends SecondLedgerIT {

    private static final List<String> POOLS = List.of("cheap", "fast-code", "reasoning");
    private static final Instant NOW = LedgerScenario.NOW;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void every_figure_read_from_the_aggregates_equals_the_raw_rows(long seed) throws Exception {
        // given
        Random random = new Random(seed);
        String community = UUID.randomUUID().toString();
        load(random, community);

        // then the NFT checkpoints hold, for each 6-hour block with usage, every NFT's usage before it
        // (ADR 0021), though the rows came one statement each in no order of receipt
        assertThat(raw("SELECT hour, nft_id, events, amount_micro, tokens_input FROM ledger.usage_nft_checkpoints"
                + " WHERE community_id = '" + community + "' ORDER BY 1, 2"))
                .isEqualTo(raw("SELECT b.block, COALESCE(u.nft_id, ''), count(*), sum(u.amount_micro),"
                        + " sum(u.tokens_input) FROM (SELECT DISTINCT date_bin('6 hours', created_at,"
                        + " timestamptz '2000-01-01Z') AS block FROM ledger.usage_events WHERE community_id = '"
                        + community + "') b JOIN ledger.usage_events u ON u.community_id = '" + community
                        + "' AND u.created_at < b.block GROUP BY 1, 2 ORDER BY 1, 2"));

        for (int trial = 0; trial < 12; trial++) {
            // when
            Instant from = randomInstant(random);
            Instant to = randomInstant(random);
            if (!from.isBefore(to)) {
                Instant swap = from;
                from = to;
                to = swap.plusSeconds(1);
            }
            JsonNode usage = json("/api/v1/admin/community/" + community + "/usage?from=" + from + "&to=" + to);

            // then
            String window = "community_id = '" + community + "' AND created_at >= '" + from + "' AND created_at < '"
                    + to + "'";
            List<String> totals = raw("SELECT COALESCE(sum(amount_micro), 0), COALESCE(sum(debited_micro), 0),"
                    + " COALESCE(sum(unfunded_micro), 0), COALESCE(sum(waived_micro), 0), count(*),"
                    + " COALESCE(sum(tokens_input), 0), COALESCE(sum(tokens_output), 0) FROM ledger.usage_events WHERE "
                    + window).get(0);
            assertThat(List.of(usage.get("total_spend_micro").asString(), usage.get("debited_micro").asString(),
                    usage.get("unfunded_micro").asString(), usage.get("waived_micro").asString(),
                    usage.get("events").asString(), usage.get("tokens_input").asString(),
                    usage.get("tokens_output").asString())).as("totals of %s .. %s", from, to).isEqualTo(totals);
            assertThat(rows(usage.get("by_pool"), "pool_id", "amount_micro", "events", "tokens_input"))
                    .as("by_pool of %s .. %s", from, to)
                    .isEqualTo(raw("SELECT pool_id, sum(amount_micro), count(*), sum(tokens_input) FROM ledger.usage_events"
                            + " WHERE " + window + " GROUP BY pool_id ORDER BY sum(amount_micro) DESC, pool_id"));
            assertThat(rows(usage.get("by_day"), "day", "amount_micro", "events", "tokens_output"))
                    .as("by_day of %s .. %s", from, to)
                    .isEqualTo(raw("SELECT (created_at AT TIME ZONE 'UTC')::date, sum(amount_micro), count(*),"
                            + " sum(tokens_output) FROM ledger.usage_events WHERE " + window + " GROUP BY 1 ORDER BY 1"));
            assertThat(rows(usage.get("by_nft"), "nft_id", "amount_micro", "events", "tokens_input"))
                    .as("by_nft of %s .. %s", from, to)
                    .isEqualTo(raw("SELECT nft_id, sum(amount_micro), count(*), sum(tokens_input) FROM ledger.usage_events"
                            + " WHERE " + window + " GROUP BY nft_id ORDER BY sum(amount_micro) DESC, nft_id NULLS FIRST"));
        }

        // and the billing summary: every lot, the totals, the burn window
        JsonNode billing = json("/api/v1/admin/community/" + community + "/billing");
        assertThat(rows(billing.get("lots"), "lot_id", "debited_micro", "expired_micro", "revoked_micro",
                "remaining_micro", "status"))
                .isEqualTo(raw("SELECT lot_id, debited_micro, expired_micro, revoked_micro, remaining_micro, status"
                        + " FROM ledger.lot_balances WHERE community_id = '" + community + "' ORDER BY"
                        + " (status = 'active' AND remaining_micro > 0) DESC, expires_at ASC NULLS LAST, created_at, lot_id"));
        assertThat(List.of(billing.get("balance_micro").asString(), billing.get("debited_micro").asString(),
                billing.get("burn_window_spend_micro").asString()))
                .isEqualTo(raw("SELECT (SELECT sum(remaining_micro) FROM ledger.lot_balances WHERE community_id = '"
                        + community + "'), (SELECT sum(debited_micro) FROM ledger.lot_balances WHERE community_id = '"
                        + community + "'), (SELECT COALESCE(sum(amount_micro), 0) FROM ledger.usage_events"
                        + " WHERE community_id = '" + community + "' AND created_at >= '" + NOW.minus(Duration.ofDays(7))
                        + "' AND created_at < '" + NOW + "')").get(0));
    }

    /** A time in the six days before now, on a whole hour, a whole day or anywhere. */
    private static Instant randomInstant(Random random) {
        Instant at = NOW.minusMillis((long) (random.nextDouble() * Duration.ofDays(6).toMillis()));
        return switch (random.nextInt(4)) {
            case 0 -> at.truncatedTo(ChronoUnit.HOURS);
            case 1 -> at.truncatedTo(ChronoUnit.DAYS);
            default -> at;
        };
    }

    /** Four lots, 400 usage events with their debits, expiries and a revocation, in random batches, some twice. */
    private static void load(Random random, String community) throws Exception {
        List<String> lots = new ArrayList<>();
        StringJoiner statements = new StringJoiner(";\n");
        for (int l = 0; l < 4; l++) {
            String lot = "lot-" + community + "-" + l;
            lots.add(lot);
            Instant created = NOW.minus(Duration.ofDays(7)).plusSeconds(l);
            statements.add("INSERT INTO ledger.credit_lots (lot_id, community_id, source, grant_id, minted_micro, created_at)"
                    + " VALUES ('" + lot + "', '" + community + "', 'grant', 'g" + l + "', 100000000, '" + created + "')");
            statements.add(entry(community, lot, "mint-" + lot, "lot_minted", 100_000_000, null, created));
        }
        writeAs(community, statements.toString());
        List<String> usage = new ArrayList<>();
        for (int u = 0; u < 400; u++) {
            Instant at = NOW.minusMillis((long) (random.nextDouble() * Duration.ofDays(6).toMillis()));
            String finalization = "f-" + u;
            long amount = 1 + random.nextInt(50_000);
            boolean shadow = random.nextInt(10) == 0;
            long debited = shadow ? 0 : amount - (random.nextInt(8) == 0 ? random.nextInt((int) amount + 1) : 0);
            String lot = lots.get(random.nextInt(lots.size()));
            String nft = random.nextInt(5) == 0 ? "NULL" : "'nft-" + random.nextInt(6) + "'";
            StringJoiner row = new StringJoiner(";\n");
            row.add("INSERT INTO ledger.usage_events (finalization_id, community_id, pool_id, nft_id, tokens_input,"
                    + " tokens_output, amount_micro, debited_micro, unfunded_micro, debits, charging_mode, waived_micro,"
                    + " guard_result, content_hash, occurred_at, created_at) VALUES ('" + finalization + "', '" + community
                    + "', '" + POOLS.get(random.nextInt(POOLS.size())) + "', " + nft + ", " + random.nextInt(9000) + ", "
                    + random.nextInt(900) + ", " + amount + ", " + debited + ", " + (shadow ? 0 : amount - debited)
                    + ", '[]', '" + (shadow ? "shadow" : "live") + "', " + (shadow ? amount : 0) + ", 'pass', '"
                    + "0".repeat(64) + "', '" + at + "', '" + at + "') ON CONFLICT DO NOTHING");
            if (debited > 0) {
                row.add(entry(community, lot, "debit-" + finalization, "lot_debited", debited, finalization, at));
            }
            usage.add(row.toString());
        }
        // expiries of one lot's rest and a revocation of another's (amounts below what is left of each)
        usage.add(entry(community, lots.get(2), "expire-" + lots.get(2), "lot_expired", 1_000, null, NOW.minusSeconds(600)));
        usage.add(entry(community, lots.get(3), "revoke-" + lots.get(3), "lot_revoked", 2_000, null, NOW.minusSeconds(300)));
        for (int i = 0; i < usage.size(); ) {
            int size = 1 + random.nextInt(60);
            List<String> batch = new ArrayList<>(usage.subList(i, Math.min(usage.size(), i + size)));
            if (random.nextBoolean()) {
                batch.addAll(usage.subList(Math.max(0, i - size), i)); // a redelivery of the previous batch
            }
            writeAs(community, String.join(";\n", batch));
            i += size;
        }
    }

    private static String entry(String community, String lot, String id, String type, long amount, String finalization,
            Instant at) {
        return "INSERT INTO ledger.lot_entries (entry_id, community_id, lot_id, entry_type, amount_micro, lot_source,"
                + " grant_id, finalization_id, occurred_at) VALUES ('" + id + "', '" + community + "', '" + lot + "', '"
                + type + "', " + amount + ", 'grant', 'g', " + (finalization == null ? "NULL" : "'" + finalization + "'")
                + ", '" + at + "') ON CONFLICT DO NOTHING";
    }

    /** The fields of each element, as text ({@code null} for JSON null). */
    private static List<List<String>> rows(JsonNode items, String... fields) {
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode item : items) {
            List<String> row = new ArrayList<>();
            for (String field : fields) {
                JsonNode value = item.get(field);
                row.add(value == null || value.isNull() ? null : value.asString());
            }
            rows.add(row);
        }
        return rows;
    }

    /** A query over the raw tables as ledger_platform, every column as text. */
    private static List<List<String>> raw(String sql) throws SQLException {
        try (Connection connection = DATABASE.connect(); Statement statement = connection.createStatement()) {
            statement.execute("SET ROLE ledger_platform");
            List<List<String>> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery(sql)) {
                int columns = result.getMetaData().getColumnCount();
                while (result.next()) {
                    List<String> row = new ArrayList<>();
                    for (int column = 1; column <= columns; column++) {
                        row.add(result.getString(column));
                    }
                    rows.add(row);
                }
            }
            return rows;
        }
    }
}
