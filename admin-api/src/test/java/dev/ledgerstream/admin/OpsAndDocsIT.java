package dev.ledgerstream.admin;

import static dev.ledgerstream.admin.LedgerScenario.COMMUNITY_A;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The OpenAPI document and Swagger UI, health and readiness, Prometheus metrics, and problems for unknown paths. */
class OpsAndDocsIT extends AdminApiIT {

    @Test
    void the_openapi_document_describes_every_endpoint_with_bearer_auth_and_snake_case_fields() {
        // when
        JsonNode docs = json("/v3/api-docs", null);

        // then
        assertThat(docs.get("openapi").asString()).startsWith("3.");
        assertThat(docs.get("paths").propertyNames()).containsExactlyInAnyOrder(
                "/api/v1/admin/community/{id}/usage", "/api/v1/admin/community/{id}/billing",
                "/api/v1/admin/community/{id}/transactions", "/api/v1/admin/community/{id}/payments",
                "/api/v1/admin/community/{id}/conservation", "/api/v1/admin/community/{id}/violations",
                "/api/v1/admin/community/{id}/audit", "/api/v1/admin/communities", "/api/v1/admin/conservation",
                "/api/v1/admin/reconciliation",
                "/api/v1/admin/quarantine", "/api/v1/admin/unassigned-payments", "/api/v1/admin/actions",
                "/api/v1/admin/charging-mode");
        assertThat(docs.get("components").get("securitySchemes").get("admin-token").get("scheme").asString())
                .isEqualTo("bearer");
        JsonNode billing = docs.get("components").get("schemas").get("BillingReport").get("properties");
        assertThat(billing.propertyNames()).contains("balance_micro", "burn_rate_micro_per_day",
                "projected_depletion_date", "recent_transactions");
        JsonNode usageParameters = docs.get("paths").get("/api/v1/admin/community/{id}/usage").get("get")
                .get("parameters");
        assertThat(CommunityFiguresIT.rows(usageParameters, parameter -> parameter.get("name").asString()))
                .containsExactly("id", "from", "to");
        assertThat(docs.get("paths").get("/api/v1/admin/community/{id}/audit").get("get").get("responses").get("200")
                .get("content").propertyNames()).contains("application/jsonl", "text/csv");
    }

    @Test
    void the_swagger_ui_is_served() {
        // when
        HttpResponse<String> page = get("/swagger-ui/index.html", null);

        // then
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("swagger-ui");
    }

    @Test
    void the_dashboard_the_api_and_their_errors_carry_the_security_headers() {
        // when
        HttpResponse<String> dashboard = get("/", null);
        HttpResponse<String> api = get("/api/v1/admin/community/" + COMMUNITY_A + "/billing", adminToken());
        HttpResponse<String> refused = get("/api/v1/admin/community/" + COMMUNITY_A + "/billing", null);
        HttpResponse<String> docs = get("/swagger-ui/index.html", null);

        // then
        for (HttpResponse<String> answer : List.of(dashboard, api, refused)) {
            assertThat(answer.headers().firstValue("Content-Security-Policy")).as(answer.uri().toString())
                    .hasValueSatisfying(policy -> assertThat(policy).contains("default-src 'none'", "script-src 'self'",
                            "frame-ancestors 'none'").doesNotContain("unsafe-inline"));
        }
        for (HttpResponse<String> answer : List.of(dashboard, api, refused, docs)) {
            assertThat(answer.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
            assertThat(answer.headers().firstValue("X-Frame-Options")).contains("DENY");
            assertThat(answer.headers().firstValue("Referrer-Policy")).contains("no-referrer");
        }
        assertThat(dashboard.statusCode()).isEqualTo(200);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(api.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(docs.headers().firstValue("Content-Security-Policy")).contains("frame-ancestors 'none'");
    }

    @Test
    void health_and_readiness_answer_up_while_the_database_answers() {
        // when
        JsonNode health = json("/health", null);
        JsonNode ready = json("/health/ready", null);

        // then
        assertThat(health.get("status").asString()).isEqualTo("UP");
        assertThat(ready.get("status").asString()).isEqualTo("UP");
        assertThat(ready.get("components").get("database").get("status").asString()).isEqualTo("UP");
    }

    @Test
    void metrics_report_request_latency_by_endpoint_pattern_and_status() {
        // given
        json("/api/v1/admin/community/" + COMMUNITY_A + "/usage");
        get("/api/v1/admin/community/" + COMMUNITY_A + "/billing", null);

        // when
        HttpResponse<String> metrics = get("/metrics", null);

        // then
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("content-type")).get().asString().startsWith("text/plain");
        assertThat(metrics.body())
                .contains("admin_requests_seconds_bucket{application=\"admin-api\",endpoint=\"/api/v1/admin/community/{id}/usage\",status=\"200\"")
                .contains("admin_requests_seconds_count{application=\"admin-api\",endpoint=\"/api/v1/admin/community/{id}/billing\",status=\"401\"}")
                .doesNotContain(COMMUNITY_A);
    }

    @Test
    void unknown_paths_and_methods_are_problems() {
        // when
        HttpResponse<String> unknownAnonymous = get("/api/v1/admin/nothing-here", null);
        HttpResponse<String> unknown = get("/api/v1/admin/nothing-here", adminToken());

        // then
        assertThat(unknownAnonymous.statusCode()).isEqualTo(401);
        for (HttpResponse<String> response : List.of(unknown)) {
            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(response.headers().firstValue("content-type")).hasValue("application/problem+json");
        }
    }
}
