package dev.ledgerstream.admin;

import static dev.ledgerstream.admin.LedgerScenario.COMMUNITY_A;
import static dev.ledgerstream.admin.LedgerScenario.COMMUNITY_B;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerstream.admin.export.ExportPermits;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The audit export of the scenario's community A, in both formats, row by row. */
class AuditExportIT extends AdminApiIT {

    static final String AUDIT = "/api/v1/admin/community/" + COMMUNITY_A + "/audit";

    @Autowired
    ExportPermits permits;

    @Test
    void the_csv_export_is_an_attachment_with_a_header_and_every_operation_in_time_order() {
        // when
        HttpResponse<String> response = get(AUDIT + "?format=csv&days=90", adminToken());

        // then
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("text/csv;header=present;charset=utf-8");
        assertThat(response.headers().firstValue("content-disposition"))
                .hasValue("attachment; filename=\"audit-" + COMMUNITY_A + "-2026-11-20-90d.csv\"");
        List<String> lines = Arrays.asList(response.body().split("\r\n"));
        assertThat(lines.get(0)).isEqualTo("timestamp,operation_type,amount_micro,lot_id,payment_id,finalization_id,"
                + "model_pool,nft_id,tokens_input,tokens_output,conservation_guard_result");
        // 12 lot entries and 6 usage events
        List<String> types = lines.subList(1, lines.size()).stream().map(line -> line.split(",", -1)[1]).toList();
        assertThat(types).hasSize(18);
        assertThat(types.subList(0, 5)).containsExactly("lot_minted", "lot_expired", "lot_minted", "usage_recorded",
                "lot_debited");
        assertThat(lines.get(1)).startsWith("2026-10-31T12:00:00Z,lot_minted,1000000,");
        // u3: its usage row, then its two debits (5.5 from L1, 0.5 from L2) carrying its pool and guard result
        String u3 = LedgerScenario.finalizationId("u3");
        List<String> u3Rows = lines.stream().filter(line -> line.contains("," + u3 + ",")).toList();
        assertThat(u3Rows).hasSize(3);
        assertThat(u3Rows.get(0)).isEqualTo("2026-11-17T11:59:30Z,usage_recorded,6000000,,," + u3
                + ",reasoning,nft-a,8000,2000,pass");
        assertThat(u3Rows.subList(1, 3)).allSatisfy(line -> assertThat(line).matches(
                "2026-11-17T11:59:30Z,lot_debited,(5500000|500000),[^,]+,(1001|1002)," + u3 + ",reasoning,nft-a,,,pass"));
        // u5 was not funded: a usage row with a failed guard and no debit
        String u5 = LedgerScenario.finalizationId("u5");
        assertThat(lines.stream().filter(line -> line.contains("," + u5 + ",")).toList())
                .containsExactly("2026-11-19T23:59:30Z,usage_recorded,4000000,,," + u5 + ",architect,nft-b,6000,1500,fail");
    }

    @Test
    void exports_beyond_the_per_community_and_the_overall_limit_are_refused_with_retry_after_and_none_is_lost()
            throws Exception {
        // given: the defaults, 2 exports per community and 4 in all; community A has 2 running
        List<ExportPermits.Permit> running = new ArrayList<>();
        try {
            running.add(permits.acquire(UUID.fromString(COMMUNITY_A)));
            running.add(permits.acquire(UUID.fromString(COMMUNITY_A)));

            // when
            HttpResponse<String> ofA = get(AUDIT, adminToken());
            HttpResponse<String> ofB = get("/api/v1/admin/community/" + COMMUNITY_B + "/audit", adminToken());
            running.add(permits.acquire(UUID.fromString(COMMUNITY_B)));
            running.add(permits.acquire(UUID.fromString(COMMUNITY_B)));
            HttpResponse<String> whenFull = get("/api/v1/admin/community/" + LedgerScenario.COMMUNITY_EMPTY + "/audit",
                    adminToken());

            // then
            assertThat(ofA.statusCode()).as(ofA.body()).isEqualTo(429);
            assertThat(ofA.headers().firstValue("content-type")).hasValue("application/problem+json");
            assertThat(ofA.headers().firstValue("retry-after")).hasValue("5");
            assertThat(ofA.body()).contains("too-many-exports");
            assertThat(ofB.statusCode()).as(ofB.body()).isEqualTo(200);
            assertThat(whenFull.statusCode()).as(whenFull.body()).isEqualTo(503);
            assertThat(whenFull.headers().firstValue("retry-after")).hasValue("5");
            assertThat(whenFull.body()).contains("exports-busy");
        } finally {
            running.forEach(ExportPermits.Permit::close);
        }

        // and once they finish, the next export runs
        assertThat(get(AUDIT, adminToken()).statusCode()).isEqualTo(200);
        assertThat(permits.running()).isZero();
    }

    @Test
    void the_jsonl_export_has_one_object_per_operation_with_amounts_as_strings() {
        // when
        HttpResponse<String> response = get(AUDIT, adminToken());

        // then: jsonl and 90 days are the defaults
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/jsonl");
        assertThat(response.headers().firstValue("content-disposition")).get().asString().endsWith("-90d.jsonl\"");
        List<JsonNode> rows = new ArrayList<>();
        response.body().lines().forEach(line -> rows.add(JSON.readTree(line)));
        assertThat(rows).hasSize(18);
        assertThat(rows).allSatisfy(row -> {
            assertThat(row.propertyNames()).containsExactly("timestamp", "operation_type", "amount_micro", "lot_id",
                    "payment_id", "finalization_id", "model_pool", "nft_id", "tokens_input", "tokens_output",
                    "conservation_guard_result");
            assertThat(row.get("amount_micro").isString()).isTrue();
        });
        long usage = rows.stream().filter(row -> row.get("operation_type").asString().equals("usage_recorded"))
                .mapToLong(row -> Long.parseLong(row.get("amount_micro").asString())).sum();
        long debited = rows.stream().filter(row -> row.get("operation_type").asString().equals("lot_debited"))
                .mapToLong(row -> Long.parseLong(row.get("amount_micro").asString())).sum();
        assertThat(usage).isEqualTo(16_750_000);
        assertThat(debited).isEqualTo(12_750_000);
    }

    @Test
    void days_limits_the_export_to_the_operations_of_the_last_days() {
        // when
        HttpResponse<String> response = get(AUDIT + "?format=jsonl&days=1", adminToken());

        // then: since −1 d: L2's revocation (exactly −1 d), u5, L3's mint, u6 and its debit
        List<String> types = response.body().lines()
                .map(line -> JSON.readTree(line).get("operation_type").asString()).toList();
        assertThat(types).containsExactly("lot_revoked", "usage_recorded", "lot_minted", "usage_recorded", "lot_debited");
    }

    @Test
    void a_bad_format_or_day_count_is_a_problem_and_not_an_empty_file() {
        // when / then
        for (String query : List.of("?format=xml", "?days=0", "?days=100000", "?days=ninety")) {
            HttpResponse<String> response = get(AUDIT + query, adminToken());
            assertThat(response.statusCode()).as(query).isEqualTo(400);
            assertThat(response.headers().firstValue("content-type")).hasValue("application/problem+json");
            assertThat(response.headers().firstValue("content-disposition")).isEmpty();
        }
    }

    @Test
    void a_community_without_operations_exports_only_the_header() {
        // when
        HttpResponse<String> response = get("/api/v1/admin/community/" + LedgerScenario.COMMUNITY_EMPTY
                + "/audit?format=csv", adminToken());

        // then
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(String.join(",", "timestamp", "operation_type", "amount_micro", "lot_id",
                "payment_id", "finalization_id", "model_pool", "nft_id", "tokens_input", "tokens_output",
                "conservation_guard_result") + "\r\n");
    }
}
