package dev.ledgerstream.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Sums beyond 64 bits (issue 14, SPEC 7): a community whose ledger holds two grants and two usage
 * events of 2^63−1 each, rows the ledger keeps for ever. Every read of it, the platform's
 * conservation report and the community list answer 200 with the exact sums as strings, and the
 * conservation reports name the sums that do not fit a 64-bit integer as an I-9 failure: nothing
 * answers 500. The rows are written straight into the second ledger database (the ingest API would
 * refuse such amounts, {@code usage-max-amount-micro}, and the stream processors would report the
 * overflow; the reads must stand on their own).
 */
class HugeSumsIT extends SecondLedgerIT {

    private static final String MAX = Long.toString(Long.MAX_VALUE);
    private static final String TWICE_MAX = "18446744073709551614";
    private static final String COMMUNITY = UUID.randomUUID().toString();

    @BeforeAll
    static void load() throws Exception {
        String at = "TIMESTAMPTZ '" + LedgerScenario.ago(Duration.ofDays(2)) + "'";
        writeAs(COMMUNITY, """
                INSERT INTO ledger.credit_lots (lot_id, community_id, source, grant_id, minted_micro, created_at)
                VALUES ('lot-huge-1', '%1$s', 'grant', 'g1', %2$s, %3$s),
                       ('lot-huge-2', '%1$s', 'grant', 'g2', %2$s, %3$s);
                INSERT INTO ledger.lot_entries (entry_id, community_id, lot_id, entry_type, amount_micro, lot_source,
                                                grant_id, occurred_at)
                VALUES ('mint-huge-1', '%1$s', 'lot-huge-1', 'lot_minted', %2$s, 'grant', 'g1', %3$s),
                       ('mint-huge-2', '%1$s', 'lot-huge-2', 'lot_minted', %2$s, 'grant', 'g2', %3$s);
                INSERT INTO ledger.usage_events (finalization_id, community_id, pool_id, tokens_input,
                        tokens_output, amount_micro, debited_micro, unfunded_micro, debits, guard_result,
                        content_hash, occurred_at, created_at)
                VALUES ('huge-1', '%1$s', 'cheap', %2$s, 1, %2$s, 0, %2$s, '[]', 'fail', repeat('a', 64), %3$s, %3$s),
                       ('huge-2', '%1$s', 'cheap', %2$s, 1, %2$s, 0, %2$s, '[]', 'fail', repeat('b', 64), %3$s, %3$s)
                """.formatted(COMMUNITY, MAX, at));
    }

    @Test
    void a_communitys_usage_and_billing_show_sums_beyond_64_bits_exactly() throws Exception {
        // when
        JsonNode usage = json("/api/v1/admin/community/" + COMMUNITY + "/usage");
        JsonNode billing = json("/api/v1/admin/community/" + COMMUNITY + "/billing");

        // then
        assertThat(usage.get("total_spend_micro").asString()).isEqualTo(TWICE_MAX);
        assertThat(usage.get("unfunded_micro").asString()).isEqualTo(TWICE_MAX);
        assertThat(usage.get("tokens_input").bigIntegerValue()).hasToString(TWICE_MAX);
        assertThat(usage.get("by_pool").get(0).get("amount_micro").asString()).isEqualTo(TWICE_MAX);
        assertThat(billing.get("minted_micro").asString()).isEqualTo(TWICE_MAX);
        assertThat(billing.get("balance_micro").asString()).isEqualTo(TWICE_MAX);
        assertThat(billing.get("burn_window_spend_micro").asString()).isEqualTo(TWICE_MAX);
    }

    @Test
    void the_conservation_reports_name_the_sums_that_do_not_fit_as_i9_and_answer_200() throws Exception {
        // when
        JsonNode community = json("/api/v1/admin/community/" + COMMUNITY + "/conservation");
        JsonNode platform = json("/api/v1/admin/conservation");

        // then
        for (JsonNode report : List.of(community, platform)) {
            assertThat(report.get("status").asString()).isEqualTo("violated");
            JsonNode i9 = check(report, "I-9");
            assertThat(i9.get("result").asString()).isEqualTo("fail");
            assertThat(new java.math.BigInteger(i9.get("observed").get("minted_micro").asString()))
                    .isGreaterThanOrEqualTo(new java.math.BigInteger(TWICE_MAX));
        }
        assertThat(check(community, "I-9").get("observed").get("usage_amount_micro").asString()).isEqualTo(TWICE_MAX);
        assertThat(check(platform, "I-13").get("result").asString()).isEqualTo("pass");
        assertThat(check(community, "I-3").get("result").asString()).isEqualTo("pass");
    }

    @Test
    void the_community_list_shows_the_balance_beyond_64_bits() throws Exception {
        // when
        JsonNode page = json("/api/v1/admin/communities?limit=500");

        // then
        assertThat(page.get("items")).anySatisfy(item -> {
            assertThat(item.get("community_id").asString()).isEqualTo(COMMUNITY);
            assertThat(item.get("balance_micro").asString()).isEqualTo(TWICE_MAX);
        });
    }

    private static JsonNode check(JsonNode report, String invariant) {
        for (JsonNode check : report.get("checks")) {
            if (check.get("invariant").asString().equals(invariant)) {
                return check;
            }
        }
        throw new AssertionError(invariant + " is not among the checks: " + report.get("checks"));
    }
}
