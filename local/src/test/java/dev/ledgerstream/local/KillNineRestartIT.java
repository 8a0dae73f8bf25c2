package dev.ledgerstream.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerstream.embedded.EmbeddedPostgresServer;
import dev.ledgerstream.local.devauth.DevCredentials;
import dev.ledgerstream.local.devauth.IpnSigner;
import dev.ledgerstream.local.servers.EmbeddedPostgres;
import dev.ledgerstream.reconcile.ReconcileTool;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the OOM killer does to local mode: {@code ./ledgerstream local} in its own JVM, a sender
 * posting usage, then SIGKILL of that JVM (its PostgreSQL, a child process, keeps running). The
 * next start on the same data stops that server and comes up; the sender re-sends what got no
 * answer and a few that did; then every count is exact and reconcile finds no difference.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class KillNineRestartIT {

    private static final String COMMUNITY = "6a1f0c55-3b1e-4b8e-9a53-0c2d7e4f9b10";
    private static final long PACK_MICRO = 27_500_000L;
    private static final long USAGE_MICRO = 10_000L;
    private static final Duration READY_WITHIN = Duration.ofSeconds(120);

    @TempDir
    Path dataDirectory;

    @Test
    void a_restart_after_kill_minus_nine_stops_the_orphaned_postgres_and_loses_or_doubles_nothing() throws Exception {
        // given local mode in its own JVM, a funded community and a sender posting usage
        Map<String, String> env = environment();
        LocalSettings settings = LocalSettings.fromEnvironment(env);
        URI ingest = URI.create("http://127.0.0.1:" + settings.ingestPort());
        List<String> accepted = new CopyOnWriteArrayList<>();
        List<String> unanswered = new CopyOnWriteArrayList<>();
        LocalProcess first = LocalProcess.start(env, dataDirectory.resolve("first.log"));
        try {
            first.awaitReady();
            postIpn(ingest, DevCredentials.ipnSecret(settings.devDirectory()));
            AtomicBoolean sending = new AtomicBoolean(true);
            Thread sender = new Thread(() -> send(ingest, settings, sending, accepted, unanswered), "usage-sender");
            sender.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (accepted.size() < 200 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            // when the JVM is killed mid-load
            first.kill();
            Thread.sleep(500);
            sending.set(false);
            sender.join();
            assertThat(accepted).as("usage accepted before the kill").hasSizeGreaterThanOrEqualTo(200);
        } finally {
            first.kill();
        }
        LocalProcess second = LocalProcess.start(env, dataDirectory.resolve("second.log"));
        try {
            // then the next start comes up on the same data, past the PostgreSQL the dead JVM left
            second.awaitReady();
            assertThat(second.log()).doesNotContain("is in use");
            // and what got no answer, re-sent with some that did, is counted once each
            List<String> resend = new ArrayList<>(unanswered);
            resend.addAll(accepted.subList(0, Math.min(20, accepted.size())));
            String token = LocalMode.usageToken(settings, Instant.now());
            for (String finalizationId : resend) {
                assertThat(postUsage(ingest, token, finalizationId).statusCode()).isEqualTo(202);
            }
            long distinct = accepted.size() + unanswered.size();
            assertThat(awaitUsageRows(settings, distinct)).isEqualTo(distinct);
            assertThat(balance(settings)).isEqualTo(PACK_MICRO - distinct * USAGE_MICRO);
            assertThat(reconcile(settings)).isZero();
            // and a clean stop still exits 0 and stops its PostgreSQL
            assertThat(second.stop()).isZero();
        } finally {
            second.kill();
            EmbeddedPostgresServer.stopOrphaned(settings.postgresDirectory());
        }
    }

    private Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        env.put("LEDGER_DATA_DIR", dataDirectory.resolve("data").toString());
        for (String port : List.of("LEDGER_KAFKA_PORT", "LEDGER_KAFKA_CONTROLLER_PORT", "LEDGER_POSTGRES_PORT",
                "LEDGER_DEV_JWKS_PORT", "INGEST_PORT", "STREAM_PORT", "SINK_PORT", "ADMIN_PORT")) {
            env.put(port, Integer.toString(FreePorts.any()));
        }
        return env;
    }

    /** Posts one event after another until told to stop; each either got its 202 or no answer. */
    private static void send(URI ingest, LocalSettings settings, AtomicBoolean sending, List<String> accepted,
            List<String> unanswered) {
        String token = LocalMode.usageToken(settings, Instant.now());
        while (sending.get()) {
            String finalizationId = "kill9-" + UUID.randomUUID();
            try {
                HttpResponse<String> response = postUsage(ingest, token, finalizationId);
                (response.statusCode() == 202 ? accepted : unanswered).add(finalizationId);
            } catch (IOException | InterruptedException e) {
                unanswered.add(finalizationId);
            }
        }
    }

    private static HttpResponse<String> postUsage(URI ingest, String token, String finalizationId)
            throws IOException, InterruptedException {
        String body = """
                {"finalization_id":"%s","community_id":"%s","pool_id":"cheap","tokens_input":10,
                 "tokens_output":5,"amount_micro":%d,"occurred_at":"2026-12-03T10:15:30Z"}"""
                .formatted(finalizationId, COMMUNITY, USAGE_MICRO);
        return LocalModeClient.post(URI.create(ingest + "/api/v1/usage/finalizations"), body,
                Map.of("content-type", "application/json", "authorization", "Bearer " + token));
    }

    private static void postIpn(URI ingest, String secret) throws Exception {
        String body = "{\"order_id\":\"" + COMMUNITY + ":standard\",\"payment_id\":6100000001"
                + ",\"payment_status\":\"finished\",\"price_amount\":25,\"price_currency\":\"usd\"}";
        HttpResponse<String> response = LocalModeClient.post(URI.create(ingest + "/api/crypto/webhook"), body,
                Map.of("content-type", "application/json", "x-nowpayments-sig", IpnSigner.sign(secret, body)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private static long awaitUsageRows(LocalSettings settings, long expected) throws Exception {
        String url = "jdbc:postgresql://127.0.0.1:" + settings.postgresPort() + "/" + EmbeddedPostgres.DATABASE;
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        long rows = -1;
        try (Connection connection = DriverManager.getConnection(url, EmbeddedPostgresServer.SUPERUSER, "");
                PreparedStatement count = connection.prepareStatement(
                        "SELECT count(*) FROM ledger.usage_events WHERE community_id = ?::uuid")) {
            count.setString(1, COMMUNITY);
            while (System.nanoTime() < deadline) {
                try (ResultSet result = count.executeQuery()) {
                    result.next();
                    rows = result.getLong(1);
                }
                if (rows >= expected) {
                    Thread.sleep(1_000);
                    try (ResultSet result = count.executeQuery()) {
                        result.next();
                        return result.getLong(1);
                    }
                }
                Thread.sleep(200);
            }
        }
        return rows;
    }

    private static long balance(LocalSettings settings) throws Exception {
        URI billing = URI.create("http://127.0.0.1:" + settings.adminPort() + "/api/v1/admin/community/" + COMMUNITY
                + "/billing");
        HttpResponse<String> response = LocalModeClient.get(billing, LocalMode.adminToken(settings, Instant.now()));
        Matcher balance = Pattern.compile("\"balance_micro\":\"(\\d+)\"").matcher(response.body());
        assertThat(balance.find()).as(response.body()).isTrue();
        return Long.parseLong(balance.group(1));
    }

    private static int reconcile(LocalSettings settings) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = ReconcileTool.run(new String[] {"reconcile", "--settle", "30s"}, LocalMode.toolEnvironment(settings, Map.of(), false),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(status).as(out.toString(StandardCharsets.UTF_8)).isZero();
        return status;
    }

    /** {@code ./ledgerstream local} as its own JVM, output in a log file. */
    private record LocalProcess(Process process, Path logFile) {

        static LocalProcess start(Map<String, String> env, Path log) throws IOException {
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx768m", "-cp", System.getProperty("java.class.path"), LocalMode.class.getName(), "local")
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(env);
            return new LocalProcess(builder.start(), log);
        }

        void awaitReady() throws Exception {
            long deadline = System.nanoTime() + READY_WITHIN.toNanos();
            while (System.nanoTime() < deadline) {
                if (log().contains("Ledgerstream local mode is ready in")) {
                    return;
                }
                if (!process.isAlive()) {
                    throw new AssertionError("local mode exited with " + process.exitValue() + ":\n" + log());
                }
                Thread.sleep(200);
            }
            throw new AssertionError("local mode not ready within " + READY_WITHIN + ":\n" + log());
        }

        String log() throws IOException {
            return Files.exists(logFile) ? Files.readString(logFile, StandardCharsets.UTF_8) : "";
        }

        /** SIGKILL: no shutdown hook runs, the PostgreSQL child is left running. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }

        /** SIGTERM, and the exit status. */
        int stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                kill();
            }
            return process.exitValue();
        }
    }
}
