package dev.ledgerstream.bench;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import dev.ledgerstream.admin.AdminApplication;
import dev.ledgerstream.local.devauth.DevJwksServer;
import dev.ledgerstream.local.devauth.DevTokens;
import dev.ledgerstream.sink.schema.LedgerMigrations;
import dev.ledgerstream.sink.write.DatabaseSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The admin API benchmark (docs/benchmarks.md, "Admin API"): p50/p99 latency of the usage and
 * billing endpoints for one community with 1,000,000 usage events, the API running in this JVM
 * over loopback HTTP, and, in the same run and against the same database, the endpoints' main
 * statements run directly over JDBC in the same tenant-scoped transaction as the reference.
 *
 * <p>The community's ledger is bulk-loaded into a fresh, migrated database with {@code INSERT …
 * SELECT generate_series} as {@code ledger_writer} under the community's scope: a number of
 * payment lots, then the usage events spread evenly over {@code bench.admin.days} days up to now,
 * each with one debit entry of its lot. The admin API reads as a login that is only a member of
 * {@code ledger_reader}, with a community admin's token.
 *
 * <p>PostgreSQL is the server of {@code DATABASE_URL} ({@code jdbc:postgresql://host:port/db}) as
 * {@code DATABASE_USER} / {@code DATABASE_PASSWORD} (system properties or environment), a login that
 * may create databases and roles; the database is dropped at the end. Settings, with their defaults:
 * {@code -Dbench.threads=8 -Dbench.warmup=3s -Dbench.duration=5s -Dbench.admin.usage=1000000
 * -Dbench.admin.days=90 -Dbench.admin.lots=20}; {@code -Dbench.admin.keep=true} keeps the database for a
 * closer look (EXPLAIN ANALYZE) instead of dropping it.
 *
 * <p>{@code java -cp bench/target/bench.jar -Dloader.main=dev.ledgerstream.bench.AdminBench
 * org.springframework.boot.loader.launch.PropertiesLauncher}
 */
public final class AdminBench {

    private static final String ISSUER = "https://auth.bench.invalid";
    private static final String AUDIENCE = "ledgerstream-admin";
    private static final String READER_LOGIN = "admin_bench_reader";
    private static final Duration TOKEN_RENEWAL = Duration.ofSeconds(240);

    /**
     * The raw-SQL reference for the usage report: the grouping over every usage event of the window,
     * which the API ran until it read the aggregates (ADR 0019).
     */
    private static final String USAGE_SQL = """
            SELECT (created_at AT TIME ZONE 'UTC')::date AS day, pool_id, count(*) AS events,
                   sum(amount_micro)::bigint AS amount_micro, sum(debited_micro)::bigint AS debited_micro,
                   sum(unfunded_micro)::bigint AS unfunded_micro, sum(tokens_input)::bigint AS tokens_input,
                   sum(tokens_output)::bigint AS tokens_output
            FROM ledger.usage_events
            WHERE community_id = ?::uuid AND created_at >= ? AND created_at < ?
            GROUP BY 1, 2 ORDER BY 1, 2 LIMIT 100001""";

    /**
     * The raw-SQL reference for the billing summary's lots: one grouped pass over every entry, which
     * the API ran until it read {@code lot_totals} (ADR 0019).
     */
    private static final String LOTS_SQL = """
            WITH entries AS (
                SELECT lot_id,
                       COALESCE(sum(amount_micro) FILTER (WHERE entry_type = 'lot_debited'), 0)::bigint AS debited_micro,
                       COALESCE(sum(amount_micro) FILTER (WHERE entry_type = 'lot_expired'), 0)::bigint AS expired_micro,
                       COALESCE(sum(amount_micro) FILTER (WHERE entry_type = 'lot_revoked'), 0)::bigint AS revoked_micro,
                       bool_or(entry_type = 'lot_expired') AS expired, bool_or(entry_type = 'lot_revoked') AS revoked
                FROM ledger.lot_entries
                WHERE community_id = ?::uuid
                GROUP BY lot_id),
            balances AS (
                SELECT lot.lot_id, lot.created_at, lot.expires_at, lot.minted_micro,
                       lot.minted_micro - COALESCE(e.debited_micro, 0) - COALESCE(e.expired_micro, 0)
                           - COALESCE(e.revoked_micro, 0) AS remaining_micro,
                       CASE WHEN COALESCE(e.revoked, false) THEN 'revoked'
                            WHEN COALESCE(e.expired, false) THEN 'expired' ELSE 'active' END AS status
                FROM ledger.credit_lots lot
                LEFT JOIN entries e ON e.lot_id = lot.lot_id
                WHERE lot.community_id = ?::uuid)
            SELECT *, count(*) OVER () AS lot_count, sum(remaining_micro) OVER ()::bigint AS total_remaining
            FROM balances
            ORDER BY (status = 'active' AND remaining_micro > 0) DESC, expires_at ASC NULLS LAST, created_at, lot_id
            LIMIT 100""";

    /** The same lots through the schema's view {@code ledger.lot_balances}, which sums each lot by index lookups. */
    private static final String LOTS_VIEW_SQL = """
            SELECT lot_id, remaining_micro, count(*) OVER () AS lot_count,
                   sum(remaining_micro) OVER ()::bigint AS total_remaining
            FROM ledger.lot_balances
            WHERE community_id = ?::uuid
            ORDER BY (status = 'active' AND remaining_micro > 0) DESC, expires_at ASC NULLS LAST, created_at, lot_id
            LIMIT 100""";

    private AdminBench() {
    }

    public static void main(String[] args) {
        try {
            run();
        } catch (Throwable failure) {
            // Without this, a failure would leave the JVM running on the pool's and Tomcat's threads.
            failure.printStackTrace();
            System.exit(2);
        }
    }

    private static void run() throws Exception {
        BenchSettings settings = BenchSettings.fromSystemProperties();
        int usage = Integer.getInteger("bench.admin.usage", 1_000_000);
        int days = Integer.getInteger("bench.admin.days", 90);
        int lots = Integer.getInteger("bench.admin.lots", 20);
        String loadBefore = MachineFacts.loadAverage();
        Instant startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        long started = System.nanoTime();
        Server server = Server.fromEnvironment();
        String community = UUID.randomUUID().toString();
        String readerPassword = UUID.randomUUID().toString();
        String database = "admin_bench_" + Long.toHexString(System.nanoTime());
        List<Measurement> results = new ArrayList<>();
        long loadMillis;
        String exportLine = null;
        try {
            DatabaseSettings owner = server.create(database);
            System.err.printf("loading %,d usage events over %d days into %s…%n", usage, days, database);
            long loading = System.nanoTime();
            load(owner, community, usage, days, lots, Instant.now());
            loadMillis = Duration.ofNanos(System.nanoTime() - loading).toMillis();
            createReader(owner, readerPassword);
            try (Issuer issuer = Issuer.start(); ConfigurableApplicationContext api = startApi(owner, issuer,
                    readerPassword)) {
                String base = "http://127.0.0.1:" + api.getEnvironment().getProperty("local.server.port")
                        + "/api/v1/admin/community/" + community;
                Instant now = Instant.now();
                String lastWeek = "from=" + now.minus(Duration.ofDays(7)).truncatedTo(ChronoUnit.SECONDS);
                check(base + "/usage", issuer.mint(community), "\"events\":");
                results.add(http("GET …/usage (default window: 30 days)", settings, base + "/usage", issuer, community));
                results.add(http("GET …/usage?from=now−7d", settings, base + "/usage?" + lastWeek, issuer, community));
                String lastQuarter = "from=" + now.minus(Duration.ofDays(90)).truncatedTo(ChronoUnit.SECONDS);
                results.add(http("GET …/usage?from=now−90d", settings, base + "/usage?" + lastQuarter, issuer,
                        community));
                results.add(http("GET …/billing", settings, base + "/billing", issuer, community));
                DatabaseSettings reader = owner.as(READER_LOGIN, readerPassword);
                results.add(sql("reference: usage grouping SQL (30 days), JDBC", settings, reader, community,
                        Duration.ofDays(30), USAGE_SQL));
                results.add(sql("reference: usage grouping SQL (7 days), JDBC", settings, reader, community,
                        Duration.ofDays(7), USAGE_SQL));
                results.add(sql("reference: usage grouping SQL (90 days), JDBC", settings, reader, community,
                        Duration.ofDays(90), USAGE_SQL));
                results.add(sql("reference: billing lot statement, JDBC", settings, reader, community, null, LOTS_SQL));
                results.add(sql("for comparison: the same lots through view lot_balances, JDBC", settings, reader,
                        community, null, LOTS_VIEW_SQL));
                if (Boolean.getBoolean("bench.admin.export")) {
                    exportLine = export(base + "/audit?format=jsonl&days=" + (days + 2), issuer.mint(community));
                }
            }
        } finally {
            if (Boolean.getBoolean("bench.admin.keep")) {
                System.err.printf("kept database %s (community %s) for a closer look%n", database, community);
            } else {
                server.drop(database);
            }
        }
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        System.out.println(report(results, settings, startedAt, seconds, loadBefore, usage, days, lots, loadMillis));
        if (exportLine != null) {
            System.out.println(exportLine);
        }
        System.exit(results.stream().anyMatch(m -> m.errors() > 0) ? 1 : 0);
    }

    /** The community's lots and usage, bulk-loaded as the sink's role under the community's scope. */
    private static void load(DatabaseSettings owner, String community, int usage, int days, int lots, Instant now)
            throws SQLException {
        Instant first = now.minus(Duration.ofDays(days));
        double stepSeconds = Duration.ofDays(days).toSeconds() / (double) usage;
        try (Connection connection = DriverManager.getConnection(owner.jdbcUrl(), owner.user(), owner.password());
                Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.execute("SET LOCAL ROLE ledger_writer; SET LOCAL app.community_id = '" + community + "'");
            String start = "TIMESTAMPTZ '" + first.minus(Duration.ofDays(1)) + "'";
            statement.execute(String.format(Locale.ROOT, """
                    INSERT INTO ledger.credit_lots (lot_id, community_id, source, payment_id, minted_micro, created_at)
                    SELECT 'lot-bench-' || l, '%1$s', 'payment', (9000 + l)::text, 1000000000000, %2$s + l * INTERVAL '1 minute'
                    FROM generate_series(0, %4$d - 1) AS l;
                    INSERT INTO ledger.lot_entries (entry_id, community_id, lot_id, entry_type, amount_micro, lot_source,
                                                    payment_id, occurred_at)
                    SELECT 'mint-bench-' || l, '%1$s', 'lot-bench-' || l, 'lot_minted', 1000000000000, 'payment',
                           (9000 + l)::text, %2$s + l * INTERVAL '1 minute'
                    FROM generate_series(0, %4$d - 1) AS l;
                    INSERT INTO ledger.usage_events (finalization_id, community_id, pool_id, nft_id, tokens_input,
                            tokens_output, amount_micro, debited_micro, unfunded_micro, debits, guard_result,
                            content_hash, occurred_at, created_at)
                    SELECT 'bench-' || i, '%1$s', (ARRAY['cheap', 'fast-code', 'reviewer', 'reasoning', 'architect'])[1 + i %% 5],
                           'nft-' || (i %% 1000), 1000 + i %% 997, 200 + i %% 113, 1000 + i %% 500, 1000 + i %% 500, 0,
                           jsonb_build_array(jsonb_build_object('lot_id', 'lot-bench-' || (i %% %4$d),
                                                                'amount_micro', 1000 + i %% 500)),
                           'pass', md5(i::text) || md5(i::text), at - INTERVAL '1 second', at
                    FROM generate_series(1, %3$d) AS i,
                         LATERAL (SELECT TIMESTAMPTZ '%5$s' + i * %6$f * INTERVAL '1 second') AS t (at);
                    INSERT INTO ledger.lot_entries (entry_id, community_id, lot_id, entry_type, amount_micro, lot_source,
                                                    payment_id, finalization_id, occurred_at)
                    SELECT 'debit-bench-' || i, '%1$s', 'lot-bench-' || (i %% %4$d), 'lot_debited', 1000 + i %% 500,
                           'payment', (9000 + i %% %4$d)::text, 'bench-' || i,
                           TIMESTAMPTZ '%5$s' + i * %6$f * INTERVAL '1 second' - INTERVAL '1 second'
                    FROM generate_series(1, %3$d) AS i
                    """, community, start, usage, lots, first, stepSeconds));
            connection.commit();
            connection.setAutoCommit(true);
            statement.execute("ANALYZE ledger.usage_events");
            statement.execute("ANALYZE ledger.lot_entries");
            statement.execute("ANALYZE ledger.credit_lots");
            // The aggregates grew in one statement here; in service they grow a batch at a time and
            // autovacuum keeps their statistics.
            statement.execute("ANALYZE ledger.usage_hourly, ledger.usage_nft_hourly, ledger.usage_nft_checkpoints,"
                    + " ledger.lot_totals");
        }
    }

    /** The admin API's login: a member of ledger_reader and nothing else. */
    private static void createReader(DatabaseSettings owner, String password) throws SQLException {
        try (Connection connection = DriverManager.getConnection(owner.jdbcUrl(), owner.user(), owner.password());
                Statement statement = connection.createStatement()) {
            statement.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '" + READER_LOGIN
                    + "') THEN CREATE ROLE " + READER_LOGIN + " LOGIN NOINHERIT; END IF; END $$");
            statement.execute("ALTER ROLE " + READER_LOGIN + " PASSWORD '" + password + "'");
            statement.execute("GRANT ledger_reader TO " + READER_LOGIN);
            statement.execute("GRANT CONNECT ON DATABASE \"" + connection.getCatalog() + "\" TO " + READER_LOGIN);
        }
    }

    private static ConfigurableApplicationContext startApi(DatabaseSettings owner, Issuer issuer, String password) {
        return new SpringApplicationBuilder(AdminApplication.class).main(AdminApplication.class).run(
                "--server.port=0", "--server.address=127.0.0.1", "--spring.main.banner-mode=off",
                "--ledgerstream.admin.jwks-url=" + issuer.jwksUrl(),
                "--ledgerstream.admin.jwt-issuer=" + ISSUER,
                "--ledgerstream.admin.jwt-audience=" + AUDIENCE,
                "--ledgerstream.admin.database-url=" + owner.jdbcUrl(),
                "--ledgerstream.admin.database-user=" + READER_LOGIN,
                "--ledgerstream.admin.database-password=" + password,
                // Only operators' actions reach Kafka, and the bench sends none: no broker is contacted.
                "--ledgerstream.admin.kafka-bootstrap-servers=127.0.0.1:1",
                "--ledgerstream.admin.query-timeout=60s",
                "--logging.level.root=WARN");
    }

    /**
     * One audit export of every row, read as a stream and only counted: rows, time, and the peak heap
     * in use (garbage included) and resident set of this JVM, which runs the API too, during it.
     */
    private static String export(String url, String token) throws Exception {
        System.err.println("audit export of every row…");
        System.gc();
        MemorySampler sampler = MemorySampler.start();
        MemorySampler.Memory before = sampler.reset();
        long started = System.nanoTime();
        long rows = 0;
        long bytes = 0;
        HttpResponse<java.io.InputStream> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + url + " answered " + response.statusCode());
        }
        try (java.io.InputStream body = response.body()) {
            byte[] buffer = new byte[1 << 16];
            for (int read = body.read(buffer); read >= 0; read = body.read(buffer)) {
                bytes += read;
                for (int i = 0; i < read; i++) {
                    if (buffer[i] == '\n') {
                        rows++;
                    }
                }
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        MemorySampler.Memory during = sampler.reset();
        sampler.close();
        return String.format(Locale.ROOT, "Audit export (jsonl, every row): %,d rows, %,.0f MB in %.1f s (%,.0f rows/s); "
                + "heap in use %d MiB before, at most %d MiB during (max heap %d MiB); resident set %d MiB before, "
                + "at most %d MiB during.", rows, bytes / 1e6, seconds, rows / seconds, before.heapBytes() >> 20,
                during.heapBytes() >> 20, Runtime.getRuntime().maxMemory() >> 20, before.rssBytes() >> 20,
                during.rssBytes() >> 20);
    }

    private static void check(String url, String token, String expected) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200 || !response.body().contains(expected)) {
            throw new IllegalStateException("GET " + url + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    /** N threads, each with its own HTTP client and token, GET one URL in a closed loop. */
    private static Measurement http(String scenario, BenchSettings settings, String url, Issuer issuer,
            String community) {
        System.err.println(scenario + "…");
        return ClosedLoop.run(scenario, settings, thread -> {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String[] token = {issuer.mint(community)};
            long[] mintedAt = {System.nanoTime()};
            return () -> {
                if (System.nanoTime() - mintedAt[0] > TOKEN_RENEWAL.toNanos()) {
                    token[0] = issuer.mint(community);
                    mintedAt[0] = System.nanoTime();
                }
                HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", "Bearer " + token[0]).GET().build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("HTTP " + response.statusCode() + ": "
                            + new String(response.body(), StandardCharsets.UTF_8));
                }
                return 1;
            };
        });
    }

    /**
     * N threads, each with its own connection as the API's login, run one statement in the same
     * scoped, read-only transaction the API uses ({@code SET LOCAL ROLE}, {@code SET LOCAL
     * app.community_id}), reading every row.
     */
    private static Measurement sql(String scenario, BenchSettings settings, DatabaseSettings reader, String community,
            Duration window, String sql) {
        System.err.println(scenario + "…");
        List<Connection> connections = new ArrayList<>();
        try {
            return ClosedLoop.run(scenario, settings, thread -> {
                try {
                    Connection connection = DriverManager.getConnection(reader.jdbcUrl(), reader.user(),
                            reader.password());
                    connection.setAutoCommit(false);
                    connection.setReadOnly(true);
                    connections.add(connection);
                    PreparedStatement statement = connection.prepareStatement(sql);
                    Statement scope = connection.createStatement();
                    long parameters = sql.chars().filter(c -> c == '?').count();
                    return () -> {
                        scope.execute("SET LOCAL ROLE ledger_reader; SET LOCAL statement_timeout = 60000; "
                                + "SET LOCAL app.community_id = '" + community + "'");
                        statement.setString(1, community);
                        if (parameters == 2) {
                            statement.setString(2, community);
                        }
                        if (window != null) {
                            Instant now = Instant.now();
                            statement.setObject(2, OffsetDateTime.ofInstant(now.minus(window), ZoneOffset.UTC));
                            statement.setObject(3, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
                        }
                        int rows = 0;
                        try (ResultSet result = statement.executeQuery()) {
                            while (result.next()) {
                                rows++;
                            }
                        }
                        connection.commit();
                        if (rows == 0) {
                            throw new IllegalStateException("no rows");
                        }
                        return 1;
                    };
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
        } finally {
            connections.forEach(connection -> {
                try {
                    connection.close();
                } catch (SQLException ignored) {
                    // closing after the measurement; nothing to do
                }
            });
        }
    }

    private static String report(List<Measurement> results, BenchSettings settings, Instant startedAt, long seconds,
            String loadBefore, int usage, int days, int lots, long loadMillis) {
        return new StringBuilder()
                .append("\n## Admin API benchmark, ").append(startedAt).append("\n\n")
                .append(String.format(Locale.ROOT, "One community with %,d usage events over %d days (%,d a day) and "
                        + "%d lots, bulk-loaded in %,d ms; the default usage window holds %,d events, the trailing "
                        + "7 days %,d.%n%n", usage, days, usage / days, lots, loadMillis, usage * 30L / days,
                        usage * 7L / days))
                .append(Report.table(results))
                .append(Report.errors(results))
                .append("\nMachine and run:\n\n")
                .append(MachineFacts.markdown(loadBefore, MachineFacts.loadAverage()))
                .append("- threads: ").append(settings.threads()).append(", warm-up ")
                .append(settings.warmup().toMillis()).append(" ms, recorded ")
                .append(settings.duration().toMillis()).append(" ms per scenario; whole run ")
                .append(seconds).append(" s\n")
                .toString();
    }

    /** The admin tokens' issuer: a fresh EC P-256 key, its public half served as a JWKS on 127.0.0.1. */
    private static final class Issuer implements AutoCloseable {

        private final ECKey key;
        private final DevJwksServer server;

        private Issuer(ECKey key, DevJwksServer server) {
            this.key = key;
            this.server = server;
        }

        static Issuer start() throws JOSEException {
            ECKey key = new ECKeyGenerator(Curve.P_256).keyID("admin-bench-" + UUID.randomUUID()).generate();
            DevJwksServer server = new DevJwksServer(key, 0);
            server.start();
            return new Issuer(key, server);
        }

        String jwksUrl() {
            return server.jwksUrl().toString();
        }

        /** A community admin's token for {@code community}, valid from now for 300 s. */
        String mint(String community) {
            return DevTokens.communityAdminToken(key, ISSUER, AUDIENCE, community, Instant.now());
        }

        @Override
        public void close() {
            server.stop();
        }
    }

    /** The PostgreSQL server of {@code DATABASE_URL}, where the benchmark's database is created and dropped. */
    private record Server(String base, String query, String maintenanceUrl, String user, String password) {

        static Server fromEnvironment() {
            String url = setting("DATABASE_URL");
            if (url == null || !url.startsWith("jdbc:postgresql://")) {
                throw new IllegalStateException("DATABASE_URL must be set to a jdbc:postgresql://host:port/db URL of a "
                        + "PostgreSQL 15+ server (for example: docker compose up -d postgres)");
            }
            String user = setting("DATABASE_USER");
            if (user == null) {
                throw new IllegalStateException("DATABASE_USER must be set (a login that may create databases and roles)");
            }
            int pathStart = url.indexOf('/', "jdbc:postgresql://".length());
            int queryStart = url.indexOf('?');
            String password = setting("DATABASE_PASSWORD");
            return new Server(url.substring(0, pathStart + 1), queryStart < 0 ? "" : url.substring(queryStart), url,
                    user, password == null ? "" : password);
        }

        /** A new database, migrated by the sink's migrations. */
        DatabaseSettings create(String name) throws SQLException {
            try (Connection connection = DriverManager.getConnection(maintenanceUrl, user, password);
                    Statement statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE " + name);
            }
            DatabaseSettings database = new DatabaseSettings(base + name + query, user, password, Duration.ofSeconds(10),
                    Duration.ofMinutes(10));
            LedgerMigrations.migrate(database, 0, Duration.ofSeconds(1));
            return database;
        }

        void drop(String name) {
            try (Connection connection = DriverManager.getConnection(maintenanceUrl, user, password);
                    Statement statement = connection.createStatement()) {
                statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            } catch (SQLException e) {
                System.err.println("could not drop the benchmark's database " + name + ": " + e.getMessage());
            }
        }

        private static String setting(String name) {
            String value = System.getProperty(name, System.getenv(name));
            return value == null || value.isBlank() ? null : value.strip();
        }
    }
}
