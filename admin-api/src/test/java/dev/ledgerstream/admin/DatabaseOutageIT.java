package dev.ledgerstream.admin;

import static dev.ledgerstream.admin.LedgerScenario.COMMUNITY_A;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ledgerstream.testsupport.PostgresServer;
import dev.ledgerstream.testsupport.TestServers;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL stopped under the running admin API (the fault matrix of issue 13): every read is a
 * 503 problem with {@code Retry-After}, never a 500; liveness stays up and readiness goes down, so
 * a deployment waits the outage out; once PostgreSQL is back the same read answers the same figures.
 */
class DatabaseOutageIT extends AdminApiIT {

    private static final String BILLING = "/api/v1/admin/community/" + COMMUNITY_A + "/billing";

    @Test
    void with_postgresql_stopped_reads_are_503_with_retry_after_and_the_same_figures_come_back() throws Exception {
        // given
        PostgresServer postgres = TestServers.postgres();
        assumeTrue(postgres.canRestart(), "only the embedded PostgreSQL can be stopped and started");
        HttpResponse<String> before = get(BILLING, adminToken());
        assertThat(before.statusCode()).as(before.body()).isEqualTo(200);
        HttpResponse<String> during;
        int liveness;
        int readiness;
        try {
            // when
            postgres.stop();
            during = get(BILLING, adminToken());
            liveness = get("/health", null).statusCode();
            readiness = get("/health/ready", null).statusCode();
        } finally {
            if (!postgres.isRunning()) {
                postgres.start();
            }
        }

        // then
        assertThat(during.statusCode()).as(during.body()).isEqualTo(503);
        assertThat(during.headers().firstValue("content-type")).hasValue("application/problem+json");
        assertThat(during.headers().firstValue("retry-after")).isPresent();
        assertThat(json(during).get("type").asString()).endsWith("database-unavailable");
        assertThat(during.body()).doesNotContain("Exception", "at org.", "at dev.");
        assertThat(liveness).isEqualTo(200);
        assertThat(readiness).isEqualTo(503);
        assertThat(awaitOk(BILLING).body()).isEqualTo(before.body());
    }

    /** The pool reconnects on its own; the first reads after the restart may still find it empty. */
    private HttpResponse<String> awaitOk(String path) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        HttpResponse<String> response = get(path, adminToken());
        while (response.statusCode() != 200 && System.nanoTime() < deadline) {
            Thread.sleep(500);
            response = get(path, adminToken());
        }
        return response;
    }
}
