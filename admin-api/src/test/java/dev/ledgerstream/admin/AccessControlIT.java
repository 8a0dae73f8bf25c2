package dev.ledgerstream.admin;

import static dev.ledgerstream.admin.LedgerScenario.COMMUNITY_A;
import static dev.ledgerstream.admin.LedgerScenario.COMMUNITY_B;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.ECKey;
import dev.ledgerstream.jwt.testing.TestKeys;
import dev.ledgerstream.jwt.testing.TestTokens;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * 401 and 403 exactly as SPEC 7 says, at the API: no valid token is 401 (with
 * {@code WWW-Authenticate: Bearer}); a valid token whose role or community does not allow the
 * request is 403; both as problem details, and neither reads any data.
 */
class AccessControlIT extends AdminApiIT {

    static final List<String> COMMUNITY_PATHS = List.of("usage", "billing", "payments", "conservation", "audit",
            "transactions", "violations");
    static final List<String> PLATFORM_PATHS = List.of("/api/v1/admin/conservation", "/api/v1/admin/reconciliation",
            "/api/v1/admin/quarantine", "/api/v1/admin/communities", "/api/v1/admin/unassigned-payments",
            "/api/v1/admin/actions", "/api/v1/admin/charging-mode");

    @Test
    void a_request_without_a_token_is_401_with_the_bearer_challenge() {
        // when
        HttpResponse<String> response = get("/api/v1/admin/community/" + COMMUNITY_A + "/billing", null);

        // then
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("www-authenticate")).hasValue("Bearer");
        assertThat(response.headers().firstValue("content-type")).hasValue("application/problem+json");
        assertThat(json(response).get("type").asString()).isEqualTo("urn:ledgerstream:problem:missing-token");
    }

    @Test
    void a_token_signed_by_another_key_an_expired_one_and_one_for_another_audience_are_401() {
        // given
        ECKey stranger = TestKeys.ecP256("admin-1");
        String forged = TestTokens.es256(stranger, claims().claim("role", "admin").build());
        String expired = TestTokens.es256(ADMIN_KEY, claims().claim("role", "admin")
                .issueTime(Date.from(LedgerScenario.NOW.minus(Duration.ofMinutes(5))))
                .expirationTime(Date.from(LedgerScenario.NOW.minus(Duration.ofMinutes(1)))).build());
        String otherAudience = TestTokens.es256(ADMIN_KEY, claims().audience("ledgerstream-ingest")
                .claim("role", "admin").build());

        // when / then
        for (String token : List.of(forged, expired, otherAudience, "not.a.jwt")) {
            HttpResponse<String> response = get("/api/v1/admin/community/" + COMMUNITY_A + "/usage", token);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
            assertThat(json(response).get("type").asString()).isEqualTo("urn:ledgerstream:problem:invalid-token");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"usage", "billing", "payments", "conservation", "audit", "transactions", "violations"})
    void a_community_admin_is_refused_another_communitys_data_with_403(String endpoint) {
        // when
        HttpResponse<String> own = get("/api/v1/admin/community/" + COMMUNITY_A + "/" + endpoint,
                communityAdminToken(COMMUNITY_A));
        HttpResponse<String> other = get("/api/v1/admin/community/" + COMMUNITY_B + "/" + endpoint,
                communityAdminToken(COMMUNITY_A));

        // then
        assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(json(other).get("type").asString()).isEqualTo("urn:ledgerstream:problem:community-not-allowed");
        assertThat(other.body()).doesNotContain("balance_micro").doesNotContain(COMMUNITY_B + "\",\"");
    }

    @Test
    void the_community_id_claim_is_compared_as_a_uuid_in_any_case() {
        // when
        HttpResponse<String> response = get("/api/v1/admin/community/" + COMMUNITY_A.toUpperCase() + "/billing",
                communityAdminToken(COMMUNITY_A));

        // then
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    @Test
    void a_platform_admin_reads_every_community() {
        // when / then
        for (String community : List.of(COMMUNITY_A, COMMUNITY_B)) {
            for (String endpoint : COMMUNITY_PATHS) {
                HttpResponse<String> response = get("/api/v1/admin/community/" + community + "/" + endpoint,
                        adminToken());
                assertThat(response.statusCode()).as(endpoint + ": " + response.body()).isEqualTo(200);
            }
        }
    }

    @Test
    void the_platform_endpoints_are_403_for_a_community_admin_and_200_for_an_admin() {
        // when / then
        for (String path : PLATFORM_PATHS) {
            HttpResponse<String> refused = get(path, communityAdminToken(COMMUNITY_A));
            assertThat(refused.statusCode()).as(path).isEqualTo(403);
            assertThat(json(refused).get("type").asString()).isEqualTo("urn:ledgerstream:problem:admin-role-required");
            assertThat(get(path, adminToken()).statusCode()).as(path).isEqualTo(200);
        }
    }

    @Test
    void a_valid_token_without_a_known_role_or_without_its_community_is_403() {
        // given
        String noRole = TestTokens.es256(ADMIN_KEY, claims().build());
        String viewer = TestTokens.es256(ADMIN_KEY, claims().claim("role", "viewer").build());
        String upperCaseRole = TestTokens.es256(ADMIN_KEY, claims().claim("role", "ADMIN").build());
        String noCommunity = TestTokens.es256(ADMIN_KEY, claims().claim("role", "community_admin").build());
        String badCommunity = TestTokens.es256(ADMIN_KEY, claims().claim("role", "community_admin")
                .claim("community_id", "everything").build());

        // when / then
        for (String token : List.of(noRole, viewer, upperCaseRole, noCommunity, badCommunity)) {
            HttpResponse<String> response = get("/api/v1/admin/community/" + COMMUNITY_A + "/usage", token);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
        }
    }

    @Test
    void a_path_that_is_not_a_community_id_is_400_after_authentication() {
        // when
        HttpResponse<String> anonymous = get("/api/v1/admin/community/not-a-uuid/usage", null);
        HttpResponse<String> admin = get("/api/v1/admin/community/not-a-uuid/usage", adminToken());

        // then
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(admin.statusCode()).isEqualTo(400);
        assertThat(json(admin).get("errors").get(0).get("parameter").asString()).isEqualTo("id");
    }
}
