package dev.ledgerstream.local.check;

import dev.ledgerstream.servicekit.kafka.KafkaClientSecurity;
import dev.ledgerstream.local.devauth.IpnSigner;
import dev.ledgerstream.reconcile.Quiescence;
import dev.ledgerstream.schemas.TopicSpec;
import dev.ledgerstream.schemas.Topics;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ./ledgerstream check}: go/no-go against a running deployment (issue 15). Each check
 * prints one line, {@code PASS} or {@code FAIL}, with what it saw; the exit status is 1 when any
 * failed. Nothing it does changes the ledger: the IPN check is a signed dry run the ingest API
 * verifies and does not record, the usage check sends an empty batch (refused after the token was
 * accepted), and the load baseline reads readiness.
 */
public final class GoNoGo {

    /** Where the deployment answers, and as whom to ask it. */
    public record Target(URI ingest, URI streams, URI sink, URI admin, String kafkaBootstrapServers,
            KafkaClientSecurity kafkaSecurity, Supplier<String> adminToken, Supplier<String> usageToken, String ipnSecret, String streamsGroup,
            String sinkGroup) {
        public Target {
            Objects.requireNonNull(ingest, "ingest");
            Objects.requireNonNull(admin, "admin");
            Objects.requireNonNull(kafkaSecurity, "kafkaSecurity");
        }
    }

    /** One line of the report. */
    public record Line(boolean pass, String check, String detail) {
        @Override
        public String toString() {
            return (pass ? "PASS  " : "FAIL  ") + check + ": " + detail;
        }
    }

    /** Most records either consumer group may be behind for a go. */
    static final long MAX_LAG = 10_000;
    /** The load baseline: this many readiness reads of each API, p99 at most {@link #MAX_P99}. */
    static final int BASELINE_REQUESTS = 50;
    static final Duration MAX_P99 = Duration.ofMillis(500);

    private static final JsonMapper JSON = JsonMapper.shared();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Target target;

    public GoNoGo(Target target) {
        this.target = target;
    }

    /** Runs every check, printing each line to {@code out}; returns 0 for a go, 1 for a no-go. */
    public int run(PrintStream out) {
        List<Line> lines = new ArrayList<>();
        for (Map.Entry<String, URI> service : List.of(Map.entry("ingest-api", target.ingest()),
                Map.entry("stream-processors", target.streams()), Map.entry("ledger-sink", target.sink()),
                Map.entry("admin-api", target.admin()))) {
            for (String path : List.of("/health", "/health/ready")) {
                report(out, lines, status(service.getKey() + " " + path, service.getValue().resolve(path), null, 200));
            }
        }
        report(out, lines, adminToken());
        report(out, lines, usageToken());
        report(out, lines, ipnDryRun());
        topics().forEach(line -> report(out, lines, line));
        report(out, lines, lag());
        JsonNode conservation = conservation(out, lines);
        report(out, lines, reconciliation(conservation));
        report(out, lines, chargingMode());
        report(out, lines, baseline("ingest-api", target.ingest()));
        report(out, lines, baseline("admin-api", target.admin()));
        long failed = lines.stream().filter(line -> !line.pass()).count();
        out.println(failed == 0 ? "GO: " + lines.size() + " checks passed"
                : "NO-GO: " + failed + " of " + lines.size() + " checks failed");
        return failed == 0 ? 0 : 1;
    }

    private static void report(PrintStream out, List<Line> lines, Line line) {
        lines.add(line);
        out.println(line);
    }

    private Line status(String check, URI uri, String token, int expected) {
        try {
            HttpResponse<String> response = get(uri, token);
            return new Line(response.statusCode() == expected, check, "HTTP " + response.statusCode()
                    + (response.statusCode() == expected ? "" : " " + brief(response.body())));
        } catch (IOException e) {
            return new Line(false, check, "unreachable at " + uri + ": " + e.getClass().getSimpleName());
        }
    }

    /** An admin token verified by the admin API against its JWKS (ES256): a platform read answers 200. */
    private Line adminToken() {
        return status("admin token (ES256, ADMIN_JWKS_URL)", target.admin().resolve("/api/v1/admin/communities?limit=1"),
                target.adminToken().get(), 200);
    }

    /** A usage token accepted by the ingest API: an empty batch is then refused as a body (400), not as a token (401). */
    private Line usageToken() {
        String check = "usage token (ES256, USAGE_JWKS_URL)";
        try {
            HttpResponse<String> response = post(target.ingest().resolve("/api/v1/usage/finalizations"), "{\"events\":[]}",
                    Map.of("Authorization", "Bearer " + target.usageToken().get()));
            boolean accepted = response.statusCode() == 400;
            return new Line(accepted, check, accepted ? "token accepted (the empty batch was refused: nothing recorded)"
                    : "HTTP " + response.statusCode() + " " + brief(response.body()));
        } catch (IOException e) {
            return new Line(false, check, "unreachable: " + e.getClass().getSimpleName());
        }
    }

    /** A signed IPN the ingest API verifies with NOWPAYMENTS_IPN_SECRET and does not record. */
    private Line ipnDryRun() {
        String check = "IPN signature (NOWPAYMENTS_IPN_SECRET), dry run";
        String body = "{\"order_id\":\"ledgerstream-check\",\"payment_id\":0,\"payment_status\":\"waiting\","
                + "\"price_amount\":5,\"price_currency\":\"usd\"}";
        try {
            HttpResponse<String> response = post(target.ingest().resolve("/api/crypto/webhook"), body,
                    Map.of("x-nowpayments-sig", IpnSigner.sign(target.ipnSecret(), body), "x-ledgerstream-dry-run", "true"));
            boolean verified = response.statusCode() == 200 && response.body().contains("\"dry_run\":true");
            return new Line(verified, check, verified ? "signature verified, nothing recorded"
                    : "HTTP " + response.statusCode() + " " + brief(response.body()));
        } catch (IOException e) {
            return new Line(false, check, "unreachable: " + e.getClass().getSimpleName());
        }
    }

    /** Every catalog topic exists with the catalog's partitions and configuration (raw topics kept forever). */
    private List<Line> topics() {
        List<Line> lines = new ArrayList<>();
        try (Admin admin = Admin.create(target.kafkaSecurity().addTo(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                target.kafkaBootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000)))) {
            List<String> names = Topics.all().stream().map(TopicSpec::name).toList();
            var existing = admin.listTopics().names().get(10, TimeUnit.SECONDS);
            List<String> present = names.stream().filter(existing::contains).toList();
            Map<String, TopicDescription> described = admin.describeTopics(present).allTopicNames().get(10, TimeUnit.SECONDS);
            Map<ConfigResource, Config> configs = admin.describeConfigs(present.stream()
                    .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList()).all().get(10, TimeUnit.SECONDS);
            for (TopicSpec<String, ?> topic : Topics.all()) {
                String check = "topic " + topic.name();
                if (!existing.contains(topic.name())) {
                    lines.add(new Line(false, check, "missing"));
                    continue;
                }
                List<String> wrong = new ArrayList<>();
                int partitions = described.get(topic.name()).partitions().size();
                if (partitions != topic.partitions()) {
                    wrong.add(partitions + " partitions, the catalog says " + topic.partitions());
                }
                Config config = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic.name()));
                topic.config().forEach((name, value) -> {
                    String actual = config.get(name) == null ? null : config.get(name).value();
                    if (!value.equals(actual)) {
                        wrong.add(name + "=" + actual + ", the catalog says " + value);
                    }
                });
                lines.add(new Line(wrong.isEmpty(), check, wrong.isEmpty()
                        ? partitions + " partitions, " + topic.config() : String.join("; ", wrong)));
            }
        } catch (ExecutionException | java.util.concurrent.TimeoutException | org.apache.kafka.common.KafkaException e) {
            lines.add(new Line(false, "topics", "Kafka at " + target.kafkaBootstrapServers() + " did not answer: " + e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            lines.add(new Line(false, "topics", "interrupted"));
        }
        return lines;
    }

    private Line lag() {
        String check = "consumer lag (" + target.streamsGroup() + ", " + target.sinkGroup() + ")";
        try {
            Quiescence.Lag lag = Quiescence.await(target.kafkaBootstrapServers(), target.kafkaSecurity(), target.streamsGroup(), target.sinkGroup(),
                    Duration.ZERO);
            boolean pass = lag.streams() <= MAX_LAG && lag.sink() <= MAX_LAG;
            return new Line(pass, check, "stream processors " + lag.streams() + " records behind, sink " + lag.sink()
                    + " (at most " + MAX_LAG + ")");
        } catch (RuntimeException e) {
            return new Line(false, check, String.valueOf(e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Line(false, check, "interrupted");
        }
    }

    /** System-wide conservation (I-13 and the stored checks); returns the report for the reconciliation line. */
    private JsonNode conservation(PrintStream out, List<Line> lines) {
        String check = "conservation (GET /api/v1/admin/conservation)";
        try {
            HttpResponse<String> response = get(target.admin().resolve("/api/v1/admin/conservation"), target.adminToken().get());
            if (response.statusCode() != 200) {
                report(out, lines, new Line(false, check, "HTTP " + response.statusCode() + " " + brief(response.body())));
                return null;
            }
            JsonNode report = JSON.readTree(response.body());
            String status = report.path("status").asString();
            report(out, lines, new Line("ok".equals(status), check, "status " + status + ", "
                    + report.path("failures").asString() + " recorded violations"));
            return report;
        } catch (IOException e) {
            report(out, lines, new Line(false, check, "unreachable: " + e.getClass().getSimpleName()));
            return null;
        }
    }

    private static Line reconciliation(JsonNode conservation) {
        String check = "last reconciliation";
        JsonNode last = conservation == null ? null : conservation.get("last_reconciliation");
        if (last == null || last.isNull()) {
            return new Line(false, check, "none recorded: run ./ledgerstream reconcile");
        }
        String result = last.path("result").asString();
        return new Line("ok".equals(result), check, result + " at " + last.path("finished_at").asString() + ", "
                + last.path("differences_count").asString() + " differences");
    }

    /**
     * The charging switch (SPEC 5.5): a go only while charging and minting are live for every
     * community; a deploy during shadow charging or paused minting is for an operator to decide.
     */
    private Line chargingMode() {
        String check = "charging mode (GET /api/v1/admin/charging-mode)";
        try {
            HttpResponse<String> response = get(target.admin().resolve("/api/v1/admin/charging-mode"),
                    target.adminToken().get());
            if (response.statusCode() != 200) {
                return new Line(false, check, "HTTP " + response.statusCode() + " " + brief(response.body()));
            }
            JsonNode modes = JSON.readTree(response.body());
            List<String> notLive = new ArrayList<>();
            describe(modes.path("global"), "every community", notLive);
            for (JsonNode community : modes.path("communities")) {
                describe(community, "community " + community.path("community_id").asString(), notLive);
            }
            return notLive.isEmpty() ? new Line(true, check, "charging and minting live everywhere")
                    : new Line(false, check, String.join("; ", notLive)
                            + " (./ledgerstream action modes; set it live, or deploy knowingly)");
        } catch (IOException e) {
            return new Line(false, check, "unreachable: " + e.getClass().getSimpleName());
        }
    }

    private static void describe(JsonNode mode, String scope, List<String> notLive) {
        String charging = mode.path("charging").asString();
        String minting = mode.path("minting").asString();
        if (!"live".equals(charging) || !"live".equals(minting)) {
            notLive.add(scope + ": charging " + charging + ", minting " + minting + " (set by "
                    + mode.path("actor").asString() + ")");
        }
    }

    /** A short load baseline: readiness read {@link #BASELINE_REQUESTS} times, every answer 200, p99 bounded. */
    private Line baseline(String service, URI base) {
        String check = "load baseline " + service + " (" + BASELINE_REQUESTS + " × /health/ready)";
        long[] millis = new long[BASELINE_REQUESTS];
        try {
            for (int i = 0; i < BASELINE_REQUESTS; i++) {
                long start = System.nanoTime();
                HttpResponse<String> response = get(base.resolve("/health/ready"), null);
                millis[i] = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                if (response.statusCode() != 200) {
                    return new Line(false, check, "request " + (i + 1) + " answered " + response.statusCode());
                }
            }
        } catch (IOException e) {
            return new Line(false, check, "unreachable: " + e.getClass().getSimpleName());
        }
        Arrays.sort(millis);
        long p50 = millis[BASELINE_REQUESTS / 2];
        long p99 = millis[(int) Math.ceil(BASELINE_REQUESTS * 0.99) - 1];
        return new Line(p99 <= MAX_P99.toMillis(), check, "p50 " + p50 + " ms, p99 " + p99 + " ms (at most "
                + MAX_P99.toMillis() + " ms)");
    }

    private HttpResponse<String> get(URI uri, String token) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    private HttpResponse<String> post(URI uri, String body, Map<String, String> headers) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return send(request.build());
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static String brief(String body) {
        String text = body == null ? "" : body.replaceAll("\\s+", " ");
        return text.length() > 160 ? text.substring(0, 160) + "…" : text;
    }
}
