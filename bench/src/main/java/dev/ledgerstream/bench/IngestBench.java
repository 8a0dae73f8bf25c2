package dev.ledgerstream.bench;

import dev.ledgerstream.embedded.EmbeddedKafkaBroker;
import dev.ledgerstream.schemas.TopicProvisioning;
import dev.ledgerstream.schemas.Topics;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The ingest benchmark (docs/benchmarks.md, "Ingest API"): the ingest API in this JVM against an
 * embedded broker, driven by N client threads over loopback HTTP, and a raw producer with the
 * same settings in the same run as the ceiling. Prints a Markdown report on standard output and
 * progress on standard error; exits 1 when any call failed, because such figures mean nothing.
 *
 * <p>Run it with {@code java -Dbench.threads=8 -Dbench.warmup=3s -Dbench.duration=5s -jar
 * bench/target/bench.jar}; the values shown are the defaults.
 */
public final class IngestBench {

    private static final int BATCH_EVENTS = 100;

    private IngestBench() {
    }

    public static void main(String[] args) throws IOException {
        BenchSettings settings = BenchSettings.fromSystemProperties();
        String loadBefore = MachineFacts.loadAverage();
        Instant startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        long started = System.nanoTime();
        Scenarios results;
        try (BenchFolder data = BenchFolder.create("ingest-bench-");
                EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder(data.path().resolve("kafka")).build();
                UsageTokenIssuer issuer = UsageTokenIssuer.start()) {
            broker.start();
            createTopics(broker.bootstrapServers());
            results = measure(settings, broker.bootstrapServers(), issuer);
        }
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        System.out.println(results.report(settings, startedAt, seconds, loadBefore, MachineFacts.loadAverage()));
        System.exit(results.all().stream().anyMatch(m -> m.errors() > 0) ? 1 : 0);
    }

    private static Scenarios measure(BenchSettings settings, String bootstrapServers, UsageTokenIssuer issuer) {
        Measurement ipn;
        Measurement singleCached;
        Measurement batchCached;
        try (IngestServer server = IngestServer.start(bootstrapServers, issuer, true)) {
            int port = server.port();
            ipn = run("HTTP IPN webhook", settings, thread -> new IngestCalls(port).ipn());
            singleCached = run("HTTP usage, 1 event/request, token cache on", settings,
                    thread -> new IngestCalls(port).usage(issuer, thread, 1));
            batchCached = run("HTTP usage, " + BATCH_EVENTS + " events/request, token cache on", settings,
                    thread -> new IngestCalls(port).usage(issuer, thread, BATCH_EVENTS));
        }
        Measurement singleUncached;
        Measurement batchUncached;
        try (IngestServer server = IngestServer.start(bootstrapServers, issuer, false)) {
            int port = server.port();
            singleUncached = run("HTTP usage, 1 event/request, token cache off", settings,
                    thread -> new IngestCalls(port).usage(issuer, thread, 1));
            batchUncached = run("HTTP usage, " + BATCH_EVENTS + " events/request, token cache off", settings,
                    thread -> new IngestCalls(port).usage(issuer, thread, BATCH_EVENTS));
        }
        try (ProducerReference reference = new ProducerReference(bootstrapServers)) {
            return new Scenarios(ipn, singleCached, batchCached, singleUncached, batchUncached,
                    progress(reference.synchronous(settings, RecordShape.ipn())),
                    progress(reference.synchronous(settings, RecordShape.usage())),
                    progress(reference.asynchronous(settings, RecordShape.ipn())),
                    progress(reference.asynchronous(settings, RecordShape.usage())));
        }
    }

    private static Measurement run(String scenario, BenchSettings settings,
            IntFunction<Call> callOfThread) {
        System.err.println("[bench] " + scenario + " ...");
        return progress(ClosedLoop.run(scenario, settings, callOfThread));
    }

    private static Measurement progress(Measurement m) {
        System.err.printf("[bench] %s: %.0f requests/s, %.0f events/s, %d errors%n",
                m.scenario(), m.requestsPerSecond(), m.eventsPerSecond(), m.errors());
        return m;
    }

    private static void createTopics(String bootstrapServers) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            TopicProvisioning.ensure(admin, Topics.all());
        }
    }

    /** Every figure of one run, named, so the comparisons below cannot pick the wrong row. */
    private record Scenarios(Measurement ipn, Measurement singleCached, Measurement batchCached,
            Measurement singleUncached, Measurement batchUncached, Measurement rawSyncIpn,
            Measurement rawSyncUsage, Measurement rawAsyncIpn, Measurement rawAsyncUsage) {

        List<Measurement> all() {
            return List.of(ipn, singleCached, batchCached, singleUncached, batchUncached,
                    rawSyncIpn, rawSyncUsage, rawAsyncIpn, rawAsyncUsage);
        }

        String report(BenchSettings settings, Instant startedAt, long seconds, String loadBefore, String loadAfter) {
            return new StringBuilder()
                    .append("\n## Ingest benchmark, ").append(startedAt).append("\n\n")
                    .append(Report.table(all()))
                    .append("\nHTTP path against the raw producer (events/s):\n\n")
                    .append(Report.ratio("IPN webhook", ipn, rawSyncIpn))
                    .append(Report.ratio("usage, 1 event/request, cache on", singleCached, rawSyncUsage))
                    .append(Report.ratio("usage, 100 events/request, cache on", batchCached, rawAsyncUsage))
                    .append(Report.ratio("usage, 1 event/request, cache off", singleUncached, singleCached))
                    .append(Report.ratio("usage, 100 events/request, cache off", batchUncached, batchCached))
                    .append(Report.errors(all()))
                    .append("\nMachine and run:\n\n")
                    .append(MachineFacts.markdown(loadBefore, loadAfter))
                    .append("- threads: ").append(settings.threads()).append(", warm-up ")
                    .append(settings.warmup().toMillis()).append(" ms, recorded ")
                    .append(settings.duration().toMillis()).append(" ms per scenario; whole run ")
                    .append(seconds).append(" s\n")
                    .toString();
        }
    }
}
