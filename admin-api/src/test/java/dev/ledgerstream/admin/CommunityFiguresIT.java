package dev.ledgerstream.admin;

import static dev.ledgerstream.admin.LedgerScenario.COMMUNITY_A;
import static dev.ledgerstream.admin.LedgerScenario.COMMUNITY_B;
import static dev.ledgerstream.admin.LedgerScenario.COMMUNITY_EMPTY;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Every community endpoint's figures against the hand-computed scenario of {@link LedgerScenario},
 * written to PostgreSQL by the real sink. The expected numbers are worked out in the comments from
 * the scenario's timeline, not read back from the ledger.
 */
class CommunityFiguresIT extends AdminApiIT {

    static final String A = "/api/v1/admin/community/" + COMMUNITY_A;

    @Test
    void usage_totals_and_breakdowns_by_pool_nft_and_day_match_the_scenario() {
        // when: the default window, the 30 days before now, holds all six usages of A
        JsonNode usage = json(A + "/usage");

        // then: 2 + 3 + 6 + 1 + 4 + 0.75 = 16.75 credits, of which u5's 4 were not covered by any lot
        assertThat(usage.get("community_id").asString()).isEqualTo(COMMUNITY_A);
        assertThat(usage.get("from").asString()).isEqualTo("2026-10-21T12:00:00Z");
        assertThat(usage.get("to").asString()).isEqualTo("2026-11-20T12:00:00Z");
        assertThat(usage.get("total_spend_micro").isString()).isTrue();
        assertThat(usage.get("total_spend_micro").asString()).isEqualTo("16750000");
        assertThat(usage.get("debited_micro").asString()).isEqualTo("12750000");
        assertThat(usage.get("unfunded_micro").asString()).isEqualTo("4000000");
        assertThat(usage.get("events").asLong()).isEqualTo(6);
        assertThat(usage.get("tokens_input").asLong()).isEqualTo(1000 + 3000 + 8000 + 500 + 6000 + 400);
        assertThat(usage.get("tokens_output").asLong()).isEqualTo(200 + 500 + 2000 + 100 + 1500 + 80);
        // cheap = u1 + u4 + u6 = 2 + 1 + 0.75; largest first
        assertThat(rows(usage.get("by_pool"), pool -> pool.get("pool_id").asString() + "=" + pool.get("amount_micro")
                .asString() + "/" + pool.get("events").asLong()))
                .containsExactly("reasoning=6000000/1", "architect=4000000/1", "cheap=3750000/3", "fast-code=3000000/1");
        // nft-a = u1 + u3 + u6, nft-b = u2 + u5, none = u4
        assertThat(rows(usage.get("by_nft"), nft -> (nft.get("nft_id").isNull() ? "none" : nft.get("nft_id").asString())
                + "=" + nft.get("amount_micro").asString() + "/" + nft.get("events").asLong()))
                .containsExactly("nft-a=8750000/3", "nft-b=7000000/2", "none=1000000/1");
        assertThat(usage.get("by_nft_truncated").asBoolean()).isFalse();
        // by UTC day of receipt: u5 was received at 2026-11-20T00:00Z, u6 at 10:00Z the same day
        assertThat(rows(usage.get("by_day"), day -> day.get("day").asString() + "=" + day.get("amount_micro").asString()
                + " " + map(day.get("by_pool"))))
                .containsExactly("2026-11-11=2000000 {cheap=2000000}", "2026-11-13=3000000 {fast-code=3000000}",
                        "2026-11-17=6000000 {reasoning=6000000}", "2026-11-18=1000000 {cheap=1000000}",
                        "2026-11-20=4750000 {architect=4000000, cheap=750000}");
    }

    @Test
    void usage_honours_from_and_to() {
        // when: the trailing 7 days hold u3, u4, u5 and u6 (u2 was received 1 h before the window)
        JsonNode usage = json(A + "/usage?from=2026-11-13T12:00:00Z&to=2026-11-20T12:00:00%2B00:00");

        // then
        assertThat(usage.get("total_spend_micro").asString()).isEqualTo("11750000");
        assertThat(usage.get("events").asLong()).isEqualTo(4);
        assertThat(usage.get("tokens_input").asLong()).isEqualTo(8000 + 500 + 6000 + 400);

        // and a window holding only u1 (received 2026-11-11T12:00Z; `to` is exclusive)
        JsonNode one = json(A + "/usage?from=2026-11-11T00:00:00Z&to=2026-11-11T12:00:00.000001Z");
        assertThat(one.get("events").asLong()).isEqualTo(1);
        assertThat(one.get("total_spend_micro").asString()).isEqualTo("2000000");
    }

    @Test
    void a_community_without_usage_reports_zeros_not_an_error() {
        // when
        JsonNode usage = json("/api/v1/admin/community/" + COMMUNITY_EMPTY + "/usage");
        JsonNode billing = json("/api/v1/admin/community/" + COMMUNITY_EMPTY + "/billing");

        // then
        assertThat(usage.get("total_spend_micro").asString()).isEqualTo("0");
        assertThat(usage.get("by_day")).isEmpty();
        assertThat(billing.get("balance_micro").asString()).isEqualTo("0");
        assertThat(billing.get("lots")).isEmpty();
        assertThat(billing.get("projected_depletion_date").isNull()).isTrue();
    }

    @Test
    void billing_shows_the_balance_the_lots_the_burn_rate_and_the_depletion_date() {
        // when
        JsonNode billing = json(A + "/billing");

        // then: minted 1 (grant) + 10.5 + 27.5 + 5 = 44; debited 12.75; expired 1; revoked 27.5 − 1.5 spent = 26
        assertThat(billing.get("as_of").asString()).isEqualTo("2026-11-20T12:00:00Z");
        assertThat(billing.get("balance_micro").asString()).isEqualTo("4250000");
        assertThat(billing.get("minted_micro").asString()).isEqualTo("44000000");
        assertThat(billing.get("debited_micro").asString()).isEqualTo("12750000");
        assertThat(billing.get("expired_micro").asString()).isEqualTo("1000000");
        assertThat(billing.get("revoked_micro").asString()).isEqualTo("26000000");
        assertThat(billing.get("lot_count").asLong()).isEqualTo(4);
        // active lots with credit first, then in debit order: the grant (earliest expiry), L1, L2
        assertThat(rows(billing.get("lots"), lot -> lot.get("source").asString() + ":" + lot.get("status").asString()
                + " minted=" + lot.get("minted_micro").asString() + " debited=" + lot.get("debited_micro").asString()
                + " remaining=" + lot.get("remaining_micro").asString()))
                .containsExactly("payment:active minted=5000000 debited=750000 remaining=4250000",
                        "grant:expired minted=1000000 debited=0 remaining=0",
                        "payment:active minted=10500000 debited=10500000 remaining=0",
                        "payment:revoked minted=27500000 debited=1500000 remaining=0");
        assertThat(billing.get("lots").get(0).get("payment_id").asString()).isEqualTo("1006");
        // trailing 7 days: u3 + u4 + u5 + u6 = 11.75 credits, 1,678,571.43 a day
        assertThat(billing.get("burn_window_days").asInt()).isEqualTo(7);
        assertThat(billing.get("burn_window_spend_micro").asString()).isEqualTo("11750000");
        assertThat(billing.get("burn_rate_micro_per_day").asString()).isEqualTo("1678571");
        // 4.25 / 11.75 × 7 days = 2.532 days = 218,757 s after 2026-11-20T12:00Z: 2026-11-23T00:45:57Z
        assertThat(billing.get("projected_depletion_date").asString()).isEqualTo("2026-11-23");
    }

    @Test
    void billing_computes_each_lot_exactly_as_the_ledgers_lot_balances_view() throws SQLException {
        // given: the schema's own definition of a lot's balance, read as the platform role
        Map<String, String> view = new TreeMap<>();
        for (String community : List.of(COMMUNITY_A, COMMUNITY_B)) {
            view.putAll(LEDGER.platformRows("SELECT lot_id, minted_micro || '/' || debited_micro || '/' || expired_micro"
                    + " || '/' || revoked_micro || '/' || remaining_micro || '/' || status FROM ledger.lot_balances"
                    + " WHERE community_id = '" + community + "'"));
        }

        // when
        Map<String, String> api = new TreeMap<>();
        for (String community : List.of(COMMUNITY_A, COMMUNITY_B)) {
            json("/api/v1/admin/community/" + community + "/billing").get("lots").forEach(lot -> api.put(
                    lot.get("lot_id").asString(), lot.get("minted_micro").asString() + "/"
                            + lot.get("debited_micro").asString() + "/" + lot.get("expired_micro").asString() + "/"
                            + lot.get("revoked_micro").asString() + "/" + lot.get("remaining_micro").asString() + "/"
                            + lot.get("status").asString()));
        }

        // then
        assertThat(api).hasSize(5).isEqualTo(view);
    }

    @Test
    void billing_lists_the_recent_transactions_newest_first() {
        // when
        JsonNode billing = json(A + "/billing");

        // then: 12 lot entries: 3 payment mints + the grant's mint, its expiry, 6 debits (u3 split over two lots),
        // L2's revocation; u5 debited nothing
        assertThat(rows(billing.get("recent_transactions"), entry -> entry.get("type").asString() + " "
                + entry.get("amount_micro").asString() + (entry.get("pool_id").isNull() ? "" : " " + entry.get("pool_id")
                .asString())))
                .containsExactly("lot_debited 750000 cheap", "lot_minted 5000000", "lot_revoked 26000000",
                        "lot_debited 1000000 cheap", entryOfU3(billing, 4), entryOfU3(billing, 5),
                        "lot_debited 3000000 fast-code", "lot_minted 27500000", "lot_debited 2000000 cheap",
                        "lot_minted 10500000", "lot_expired 1000000", "lot_minted 1000000");
        assertThat(rows(billing.get("recent_transactions"), entry -> entry.get("type").asString())
                .subList(4, 6)).containsOnly("lot_debited");
        assertThat(billing.get("transactions_next_cursor").isNull()).isTrue();
    }

    @Test
    void the_transaction_list_pages_with_a_cursor_through_every_entry_once() {
        // given
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;

        // when
        do {
            JsonNode page = json(A + "/transactions?limit=5" + (cursor == null ? "" : "&cursor=" + cursor));
            page.get("items").forEach(entry -> seen.add(entry.get("entry_id").asString()));
            cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asString();
            pages++;
        } while (cursor != null && pages < 10);

        // then
        assertThat(pages).isEqualTo(3);
        assertThat(seen).hasSize(12).doesNotHaveDuplicates();
        assertThat(seen).isEqualTo(rows(json(A + "/billing").get("recent_transactions"),
                entry -> entry.get("entry_id").asString()));
    }

    @Test
    void payments_show_status_history_credit_and_why_they_need_attention() {
        // when
        JsonNode page = json(A + "/payments");

        // then: newest first by first sighting; 3001 named no community and is nobody's
        assertThat(rows(page.get("items"), payment -> payment.get("payment_id").asString() + " "
                + payment.get("status").asString() + " " + text(payment.get("mint_outcome")) + " "
                + payment.get("credited_micro").asString() + " " + rows(payment.get("attention"), JsonNode::asString)))
                .containsExactly("1006 finished minted 5000000 []",
                        "1005 finished unsupported_currency 0 [unsupported_currency]",
                        "1004 finished below_minimum 0 [below_minimum]",
                        "1003 partially_paid partially_paid 0 [partially_paid]",
                        "1002 refunded minted 27500000 [refunded_after_spending]",
                        "1001 finished minted 10500000 []");
        JsonNode first = page.get("items").get(5);
        assertThat(rows(first.get("history"), event -> event.get("status").asString() + "/"
                + event.get("outcome").asString() + "/" + text(event.get("previous_status"))))
                .containsExactly("waiting/accepted/null", "finished/accepted/waiting", "finished/duplicate/finished");
        assertThat(page.get("items").get(4).get("spent_micro").asString()).isEqualTo("1500000");
        assertThat(page.get("next_cursor").isNull()).isTrue();
    }

    @Test
    void a_repeat_deposit_and_an_underpaid_payment_are_held_uncredited_and_need_attention() {
        // when
        JsonNode attention = json("/api/v1/admin/community/" + COMMUNITY_B + "/payments?attention=true");

        // then
        assertThat(rows(attention.get("items"), payment -> payment.get("payment_id").asString() + " "
                + payment.get("status").asString() + " " + text(payment.get("mint_outcome")) + " "
                + payment.get("credited_micro").asString() + " " + rows(payment.get("attention"), JsonNode::asString)))
                .containsExactly("2003 finished held_underpaid 0 [held_underpaid]",
                        "2002 finished held_repeat_deposit 0 [held_repeat_deposit]");
    }

    @Test
    void payments_filter_by_attention_and_time_and_page_with_a_cursor() {
        // when
        JsonNode attention = json(A + "/payments?attention=true");
        JsonNode lastWeek = json(A + "/payments?from=2026-11-13T12:00:00Z");
        JsonNode firstPage = json(A + "/payments?limit=4");
        JsonNode secondPage = json(A + "/payments?limit=4&cursor=" + firstPage.get("next_cursor").asString());

        // then
        assertThat(rows(attention.get("items"), payment -> payment.get("payment_id").asString()))
                .containsExactly("1005", "1004", "1003", "1002");
        assertThat(rows(lastWeek.get("items"), payment -> payment.get("payment_id").asString()))
                .containsExactly("1006", "1005", "1004", "1003");
        assertThat(rows(firstPage.get("items"), payment -> payment.get("payment_id").asString()))
                .containsExactly("1006", "1005", "1004", "1003");
        assertThat(rows(secondPage.get("items"), payment -> payment.get("payment_id").asString()))
                .containsExactly("1002", "1001");
        assertThat(secondPage.get("next_cursor").isNull()).isTrue();
    }

    @Test
    void conservation_reports_the_overspend_and_the_refund_after_spending_as_violations() {
        // when
        JsonNode conservation = json(A + "/conservation");

        // then: the stored ledger adds up (I-1, I-2, I-3, no sum beyond 64 bits: I-9) but money was
        // not conserved (I-12, twice)
        assertThat(conservation.get("status").asString()).isEqualTo("violated");
        assertThat(rows(conservation.get("checks"), check -> check.get("invariant").asString() + "="
                + check.get("result").asString())).containsExactly("I-1=pass", "I-2=pass", "I-3=pass", "I-9=pass",
                "I-12=fail");
        JsonNode i12 = conservation.get("checks").get(4).get("observed");
        assertThat(i12.get("usage_unfunded_micro").asString()).isEqualTo("4000000");
        assertThat(i12.get("spent_then_refunded_lots").asString()).isEqualTo("1");
        assertThat(conservation.get("failures").asLong()).isEqualTo(2);
        assertThat(rows(conservation.get("by_invariant"), count -> count.get("invariant").asString() + "="
                + count.get("violations").asLong())).containsExactly("I-12=2");
        assertThat(conservation.get("usage_guard").get("pass").asLong()).isEqualTo(5);
        assertThat(conservation.get("usage_guard").get("fail").asLong()).isEqualTo(1);
        assertThat(conservation.get("totals").get("balance_micro").asString()).isEqualTo("4250000");
        // newest first: u5's shortfall (−12 h), then the refund of 1002 (−1 d)
        assertThat(rows(conservation.get("recent_violations"), violation -> violation.get("details").get("reason")
                .asString())).containsExactly("unfunded_usage", "spent_then_refunded");
        assertThat(conservation.get("recent_violations").get(0).get("details").get("unfunded_micro").asString())
                .isEqualTo("4000000");
    }

    @Test
    void a_community_that_only_spent_what_it_had_is_ok() {
        // when
        JsonNode conservation = json("/api/v1/admin/community/" + COMMUNITY_B + "/conservation");

        // then
        assertThat(conservation.get("status").asString()).isEqualTo("ok");
        assertThat(conservation.get("failures").asLong()).isZero();
        assertThat(conservation.get("recent_violations")).isEmpty();
        assertThat(conservation.get("totals").get("balance_micro").asString()).isEqualTo("4000000");
    }

    @Test
    void the_violation_list_filters_by_invariant_and_pages() {
        // when
        JsonNode first = json(A + "/violations?limit=1");
        JsonNode second = json(A + "/violations?limit=1&cursor=" + first.get("next_cursor").asString());
        JsonNode none = json(A + "/violations?invariant=I-7");

        // then
        assertThat(first.get("items").get(0).get("details").get("reason").asString()).isEqualTo("unfunded_usage");
        assertThat(second.get("items").get(0).get("details").get("reason").asString()).isEqualTo("spent_then_refunded");
        assertThat(second.get("next_cursor").isNull()).isTrue();
        assertThat(none.get("items")).isEmpty();
    }

    @Test
    void system_conservation_holds_i13_across_communities_and_counts_the_violations() {
        // when
        JsonNode system = json("/api/v1/admin/conservation");

        // then: minted A 44 + B 5 = 49 = balances (4.25 + 4) + debited (12.75 + 1) + expired 1 + revoked 26
        JsonNode i13 = system.get("i13");
        assertThat(i13.get("result").asString()).isEqualTo("pass");
        assertThat(i13.get("observed").get("minted_micro").asString()).isEqualTo("49000000");
        assertThat(i13.get("observed").get("balance_micro").asString()).isEqualTo("8250000");
        assertThat(i13.get("observed").get("debited_micro").asString()).isEqualTo("13750000");
        assertThat(i13.get("observed").get("expired_micro").asString()).isEqualTo("1000000");
        assertThat(i13.get("observed").get("revoked_micro").asString()).isEqualTo("26000000");
        assertThat(system.get("status").asString()).isEqualTo("violated");
        assertThat(rows(system.get("checks"), check -> check.get("invariant").asString() + "="
                + check.get("result").asString())).containsExactly("I-13=pass", "I-1=pass", "I-2=pass", "I-3=pass",
                "I-9=pass", "I-12=fail");
        assertThat(system.get("failures").asLong()).isEqualTo(2);
        assertThat(rows(system.get("by_invariant"), count -> count.get("invariant").asString() + "="
                + count.get("violations").asLong() + "/" + count.get("system_wide").asLong()))
                .containsExactly("I-12=2/0");
        assertThat(system.get("totals").get("communities").asString()).isEqualTo("2");
        assertThat(system.get("last_reconciliation").isNull()).isTrue();
    }

    @Test
    void the_community_list_shows_each_community_with_a_ledger_and_its_balance() {
        // when
        JsonNode page = json("/api/v1/admin/communities");
        JsonNode first = json("/api/v1/admin/communities?limit=1");
        JsonNode second = json("/api/v1/admin/communities?limit=1&cursor=" + first.get("next_cursor").asString());

        // then: in id order (A's id sorts before B's)
        assertThat(rows(page.get("items"), community -> community.get("community_id").asString() + "="
                + community.get("balance_micro").asString() + "/" + community.get("usage_events").asLong()))
                .containsExactly(COMMUNITY_A + "=4250000/6", COMMUNITY_B + "=4000000/1");
        assertThat(second.get("items").get(0).get("community_id").asString()).isEqualTo(COMMUNITY_B);
        assertThat(second.get("next_cursor").isNull()).isTrue();
    }

    @Test
    void reconciliation_lists_no_runs_before_the_first_one() {
        // when
        JsonNode runs = json("/api/v1/admin/reconciliation");

        // then
        assertThat(runs.get("runs")).isEmpty();
    }

    @Test
    void quarantine_lists_the_quarantined_notification_and_the_dead_letter_with_their_reasons() {
        // when
        JsonNode page = json("/api/v1/admin/quarantine");
        JsonNode first = json("/api/v1/admin/quarantine?limit=1");
        JsonNode second = json("/api/v1/admin/quarantine?limit=1&cursor=" + first.get("next_cursor").asString());

        // then: newest first
        assertThat(rows(page.get("items"), item -> item.get("kind").asString() + " " + item.get("reason").asString()))
                .containsExactly("dead_letter deserialization: not valid JSON",
                        "quarantined_ipn unknown_status: teleported");
        assertThat(page.get("items").get(0).get("source").asString()).isEqualTo("usage.finalizations.v1/2/17");
        assertThat(page.get("items").get(1).get("id").asString()).isEqualTo(LedgerScenario.quarantinedEventId());
        assertThat(page.get("items").get(1).get("payment_id").asString()).isEqualTo("4242");
        assertThat(first.get("items").get(0).get("kind").asString()).isEqualTo("dead_letter");
        assertThat(second.get("items").get(0).get("kind").asString()).isEqualTo("quarantined_ipn");
        assertThat(second.get("next_cursor").isNull()).isTrue();
    }

    @Test
    void unassigned_payments_lists_every_uncredited_payment_of_every_community_and_of_none_for_the_platform_admin() {
        // when
        JsonNode all = json("/api/v1/admin/unassigned-payments");
        JsonNode newest = json("/api/v1/admin/unassigned-payments?limit=1");

        // then: newest update first, ties by payment id descending
        assertThat(rows(all.get("items"), payment -> payment.get("payment_id").asString() + " "
                + text(payment.get("community_id")) + " " + payment.get("reason").asString()))
                .containsExactly("2003 " + COMMUNITY_B + " held_underpaid", "2002 " + COMMUNITY_B + " held_repeat_deposit",
                        "1005 " + COMMUNITY_A + " unsupported_currency", "3001 null unknown_community",
                        "1004 " + COMMUNITY_A + " below_minimum");
        assertThat(all.get("items").get(0).get("order_id").asString()).isEqualTo(COMMUNITY_B);
        assertThat(all.get("items").get(0).get("price_amount").asString()).isEqualTo("10");
        assertThat(rows(newest.get("items"), payment -> payment.get("payment_id").asString())).containsExactly("2003");
    }

    @Test
    void a_bad_parameter_is_a_problem_naming_it() {
        // when
        HttpResponse<String> badTime = get(A + "/usage?from=yesterday", adminToken());
        HttpResponse<String> inverted = get(A + "/usage?from=2026-11-20T00:00:00Z&to=2026-11-19T00:00:00Z", adminToken());
        HttpResponse<String> badCursor = get(A + "/transactions?cursor=bm90LW91cnM", adminToken());
        HttpResponse<String> badLimit = get(A + "/payments?limit=0", adminToken());

        // then
        for (HttpResponse<String> response : List.of(badTime, inverted, badCursor, badLimit)) {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
            assertThat(response.headers().firstValue("content-type")).hasValue("application/problem+json");
        }
        assertThat(json(badTime).get("errors").get(0).get("parameter").asString()).isEqualTo("from");
        assertThat(json(badCursor).get("errors").get(0).get("parameter").asString()).isEqualTo("cursor");
        assertThat(json(badLimit).get("errors").get(0).get("parameter").asString()).isEqualTo("limit");
    }

    /** The two debit entries of u3 share a time; they are ordered by entry id, descending. */
    private static String entryOfU3(JsonNode billing, int index) {
        JsonNode entry = billing.get("recent_transactions").get(index);
        assertThat(entry.get("finalization_id").asString()).isEqualTo(LedgerScenario.finalizationId("u3"));
        String amount = entry.get("amount_micro").asString();
        assertThat(amount).isIn("5500000", "500000");
        return "lot_debited " + amount + " reasoning";
    }

    static <T> List<T> rows(JsonNode array, Function<JsonNode, T> mapper) {
        List<T> rows = new ArrayList<>();
        array.forEach(node -> rows.add(mapper.apply(node)));
        return rows;
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? "null" : node.asString();
    }

    private static Map<String, String> map(JsonNode object) {
        Map<String, String> map = new TreeMap<>();
        object.propertyNames().forEach(name -> map.put(name, object.get(name).asString()));
        return map;
    }
}
