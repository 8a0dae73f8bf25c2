package dev.ledgerstream.local;

import dev.ledgerstream.servicekit.kafka.KafkaClientSecurity;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerstream.local.check.GoNoGo;
import dev.ledgerstream.reconcile.Quiescence;
import dev.ledgerstream.reconcile.ReconcileTool;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./ledgerstream check} against local mode: a go on a healthy, reconciled pipeline; a no-go
 * line by line. The whole run, start-up included, must log no line at ERROR (issue 13): bad input
 * from outside (a wrong signature, a wrong token) is the caller's problem, not an error of ours.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class GoNoGoIT {

    @TempDir
    Path dataDirectory;

    @Test
    void a_healthy_reconciled_local_mode_is_a_go_and_each_broken_part_is_its_own_fail_line() throws Exception {
        LocalSettings settings = LocalModeClient.settingsOnFreePorts(dataDirectory);
        // Every service's console appender writes to the System.out it finds when its logging starts.
        PrintStream console = System.out;
        ByteArrayOutputStream logged = new ByteArrayOutputStream();
        System.setOut(new PrintStream(new TeeStream(console, logged), true, StandardCharsets.UTF_8));
        try {
            checkLocalMode(settings);
        } finally {
            System.setOut(console);
        }
        assertThat(logged.toString(StandardCharsets.UTF_8).lines().filter(line -> line.matches("^\\S+ ERROR .*")))
                .as("lines logged at ERROR by a healthy local mode").isEmpty();
    }

    /** Writes to both streams. */
    private static final class TeeStream extends java.io.OutputStream {
        private final java.io.OutputStream first;
        private final java.io.OutputStream second;

        TeeStream(java.io.OutputStream first, java.io.OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public synchronized void write(int b) throws java.io.IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) throws java.io.IOException {
            first.write(bytes, offset, length);
            second.write(bytes, offset, length);
        }
    }

    private void checkLocalMode(LocalSettings settings) throws Exception {
        try (LocalMode local = new LocalMode(settings, new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8))) {
            local.start();

            // each service runs on its own configuration file (issue 12): the application tag its file sets, only that
            Map<URI, String> services = Map.of(local.ingestUrl(), "ingest-api", local.streamsUrl(), "stream-processors",
                    local.sinkUrl(), "ledger-sink", local.adminUrl(), "admin-api");
            services.forEach((url, name) -> {
                String metrics = metricsOf(url);
                assertThat(metrics).as(name + " /metrics").contains("application=\"" + name + "\"");
                services.values().stream().filter(other -> !other.equals(name)).forEach(other ->
                        assertThat(metrics).as(name + " /metrics").doesNotContain("application=\"" + other + "\""));
            });

            // given nothing reconciled yet: the one no-go line says so
            Report before = check(target(local, settings, local.wiring().ipnSecret()));
            assertThat(before.status).as(before.out).isEqualTo(1);
            assertThat(failures(before)).containsExactly("FAIL  last reconciliation: none recorded: run ./ledgerstream reconcile");

            // when reconciled
            ByteArrayOutputStream ignored = new ByteArrayOutputStream();
            assertThat(ReconcileTool.run(new String[] {"reconcile", "--settle", "30s"},
                    LocalMode.toolEnvironment(settings, Map.of(), false), new PrintStream(ignored, true, StandardCharsets.UTF_8),
                    new PrintStream(ignored, true, StandardCharsets.UTF_8))).isZero();
            Report go = check(target(local, settings, local.wiring().ipnSecret()));

            // then
            assertThat(go.status).as(go.out).isZero();
            assertThat(go.out).contains("PASS  ingest-api /health/ready", "PASS  stream-processors /health/ready",
                    "PASS  ledger-sink /health/ready", "PASS  admin-api /health/ready",
                    "PASS  admin token (ES256, ADMIN_JWKS_URL)", "PASS  usage token (ES256, USAGE_JWKS_URL)",
                    "PASS  IPN signature (NOWPAYMENTS_IPN_SECRET), dry run: signature verified, nothing recorded",
                    "PASS  topic payments.ipn.v1: 6 partitions", "PASS  topic operator.actions.v1",
                    "PASS  consumer lag", "PASS  conservation (GET /api/v1/admin/conservation): status ok",
                    "PASS  last reconciliation: ok",
                    "PASS  charging mode (GET /api/v1/admin/charging-mode): charging and minting live everywhere",
                    "PASS  load baseline ingest-api", "GO: ")
                    .doesNotContain("FAIL");

            // and a wrong IPN secret, or a wrong admin key, is a no-go naming exactly that
            Report secret = check(target(local, settings, "not-the-secret"));
            assertThat(secret.status).isEqualTo(1);
            assertThat(failures(secret)).singleElement().asString()
                    .startsWith("FAIL  IPN signature (NOWPAYMENTS_IPN_SECRET), dry run: HTTP 401");
            GoNoGo.Target wrongToken = new GoNoGo.Target(local.ingestUrl(), local.streamsUrl(), local.sinkUrl(),
                    local.adminUrl(), local.wiring().kafkaBootstrapServers(), KafkaClientSecurity.NONE, () -> "not.a.token",
                    () -> LocalMode.usageToken(settings, Instant.now()), local.wiring().ipnSecret(), Quiescence.STREAMS_GROUP,
                    Quiescence.SINK_GROUP);
            Report token = check(wrongToken);
            assertThat(failures(token)).allMatch(line -> line.startsWith("FAIL  admin token")
                    || line.startsWith("FAIL  conservation") || line.startsWith("FAIL  last reconciliation")
                    || line.startsWith("FAIL  charging mode"))
                    .anyMatch(line -> line.startsWith("FAIL  admin token (ES256, ADMIN_JWKS_URL): HTTP 401"));

            // and charging in shadow for a community is a no-go naming it
            String community = UUID.randomUUID().toString();
            HttpResponse<String> shadow = LocalModeClient.post(URI.create(local.adminUrl() + "/api/v1/admin/actions"),
                    "{\"kind\":\"set_charging_mode\",\"community_id\":\"" + community + "\",\"charging\":\"shadow\","
                            + "\"minting\":\"live\",\"idempotency_key\":\"go-no-go\",\"reason\":\"test\"}",
                    Map.of("content-type", "application/json",
                            "authorization", "Bearer " + LocalMode.adminToken(settings, Instant.now())));
            assertThat(shadow.statusCode()).as(shadow.body()).isEqualTo(202);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            List<String> modeFailures = List.of();
            while (modeFailures.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(500);
                modeFailures = failures(check(target(local, settings, local.wiring().ipnSecret()))).stream()
                        .filter(line -> line.startsWith("FAIL  charging mode")).toList();
            }
            assertThat(modeFailures).singleElement().asString().contains("community " + community
                    + ": charging shadow, minting live (set by local-dev)");
        }
    }

    private static String metricsOf(URI service) {
        try {
            return LocalModeClient.get(service.resolve("/metrics"), null).body();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static GoNoGo.Target target(LocalMode local, LocalSettings settings, String ipnSecret) {
        return new GoNoGo.Target(local.ingestUrl(), local.streamsUrl(), local.sinkUrl(), local.adminUrl(),
                local.wiring().kafkaBootstrapServers(), KafkaClientSecurity.NONE, () -> LocalMode.adminToken(settings, Instant.now()),
                () -> LocalMode.usageToken(settings, Instant.now()), ipnSecret, Quiescence.STREAMS_GROUP,
                Quiescence.SINK_GROUP);
    }

    private record Report(int status, String out) {
    }

    private static Report check(GoNoGo.Target target) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = new GoNoGo(target).run(new PrintStream(out, true, StandardCharsets.UTF_8));
        return new Report(status, out.toString(StandardCharsets.UTF_8));
    }

    private static List<String> failures(Report report) {
        return report.out.lines().filter(line -> line.startsWith("FAIL")).toList();
    }
}
