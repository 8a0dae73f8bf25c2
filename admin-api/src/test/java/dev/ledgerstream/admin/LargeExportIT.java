package dev.ledgerstream.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.ECKey;
import dev.ledgerstream.jwt.testing.JwksTestServer;
import dev.ledgerstream.jwt.testing.TestKeys;
import dev.ledgerstream.jwt.testing.TestTokens;
import dev.ledgerstream.sink.schema.LedgerMigrations;
import dev.ledgerstream.sink.write.DatabaseSettings;
import dev.ledgerstream.testsupport.TestDatabase;
import dev.ledgerstream.testsupport.TestServers;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An audit export of 1,000,000 rows streams with bounded heap. The admin API runs in a JVM of its
 * own ({@link HeapReportingAdmin}) capped at {@value #CHILD_HEAP}, which could not hold the rows (a
 * row alone is a few hundred bytes), and reports the largest live heap after any GC during the
 * export; the test reads the answer as a stream and only counts it.
 *
 * <p>The rows are bulk-loaded straight into the ledger tables with {@code INSERT … SELECT
 * generate_series} as {@code ledger_writer} under the community's {@code SET LOCAL} scope, not
 * through the sink: producing a million records through Kafka would add minutes and test the sink,
 * not the export. Two lots and 499,999 usage events of one debit each: 2 mints + 499,999 usage rows
 * + 499,999 debit rows = 1,000,000 rows.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class LargeExportIT {

    static final String CHILD_HEAP = "128m";
    static final int USAGE_EVENTS = 499_999;
    static final long EXPECTED_ROWS = 2 + 2L * USAGE_EVENTS;
    /** Live heap the export may add: far below what a million rows would take if they were collected. */
    static final long MAX_EXPORT_GROWTH_BYTES = 32L * 1024 * 1024;

    private static final String ISSUER = "https://auth.ledgerstream.test";
    private static final String AUDIENCE = "ledgerstream-admin";
    private static final ECKey KEY = TestKeys.ecP256("admin-bulk");
    private static final Pattern REPORT = Pattern.compile(
            "maxAfterGc=(\\d+) poolPeaks=(\\d+) collections=(\\d+) max=(\\d+)");
    private static final Pattern RESET = Pattern.compile("reset used=(\\d+)");

    private static final String COMMUNITY = UUID.randomUUID().toString();
    private static JwksTestServer jwks;
    private static Process child;
    private static PrintWriter commands;
    private static final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
    private static int port;

    @BeforeAll
    static void loadAndStart() throws Exception {
        TestDatabase database = TestServers.postgres().newDatabase("bulk");
        LedgerMigrations.migrate(new DatabaseSettings(database.jdbcUrl(), database.user(), database.password(),
                Duration.ofSeconds(5), Duration.ofMinutes(5)), 0, Duration.ofSeconds(1));
        LedgerFixture.createApiLogin(database);
        long loading = System.nanoTime();
        bulkLoad(database, Instant.now());
        System.out.printf("bulk-loaded %,d export rows in %,d ms%n", EXPECTED_ROWS,
                Duration.ofNanos(System.nanoTime() - loading).toMillis());
        jwks = JwksTestServer.start(KEY);
        startChild(database);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (commands != null) {
            commands.close();
        }
        if (child != null) {
            child.destroy();
            if (!child.waitFor(20, TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
        }
        if (jwks != null) {
            jwks.close();
        }
    }

    @Test
    void an_export_of_a_million_rows_completes_with_bounded_heap() throws Exception {
        // given
        long baseline = command("reset", RESET).get(0);
        String token = TestTokens.es256(KEY, TestTokens.claims(Instant.now(), ISSUER, AUDIENCE)
                .claim("role", "community_admin").claim("community_id", COMMUNITY).build());
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/admin/community/"
                + COMMUNITY + "/audit?format=jsonl")).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofMinutes(5)).GET().build();

        // when
        long started = System.nanoTime();
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(request,
                HttpResponse.BodyHandlers.ofInputStream());
        Counted counted = count(response.body());
        long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        List<Long> report = command("report", REPORT);

        // then
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(counted.lines()).isEqualTo(EXPECTED_ROWS);
        JsonNode last = JsonMapper.shared().readTree(counted.lastLine());
        assertThat(last.get("operation_type").asString()).isEqualTo("lot_debited");
        long maxAfterGc = report.get(0);
        System.out.printf("EXPORT-HEAP rows=%,d bytes=%,d time=%,d ms (%,d rows/s); child -Xmx%s: live heap after "
                + "GC before %,.1f MiB, peak during export %,.1f MiB (+%,.1f MiB); sum of heap pool peaks %,.1f MiB; "
                + "%d collections%n", counted.lines(), counted.bytes(), millis, counted.lines() * 1000 / Math.max(1, millis),
                CHILD_HEAP, mib(baseline), mib(maxAfterGc), mib(maxAfterGc - baseline), mib(report.get(1)),
                report.get(2));
        assertThat(report.get(2)).as("garbage collections during the export").isPositive();
        assertThat(maxAfterGc - baseline).as("live heap growth during the export").isLessThan(MAX_EXPORT_GROWTH_BYTES);
    }

    private static void bulkLoad(TestDatabase database, Instant now) throws Exception {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.execute("SET LOCAL ROLE ledger_writer; SET LOCAL app.community_id = '" + COMMUNITY + "'");
            String start = "TIMESTAMPTZ '" + now.minus(Duration.ofDays(85)) + "'";
            statement.execute("""
                    INSERT INTO ledger.credit_lots (lot_id, community_id, source, payment_id, minted_micro, created_at)
                    VALUES ('lot-bulk-1', '%1$s', 'payment', '9001', 1000000000000, %2$s),
                           ('lot-bulk-2', '%1$s', 'payment', '9002', 1000000000000, %2$s + INTERVAL '1 hour');
                    INSERT INTO ledger.lot_entries (entry_id, community_id, lot_id, entry_type, amount_micro, lot_source,
                                                    payment_id, occurred_at)
                    VALUES ('mint-bulk-1', '%1$s', 'lot-bulk-1', 'lot_minted', 1000000000000, 'payment', '9001', %2$s),
                           ('mint-bulk-2', '%1$s', 'lot-bulk-2', 'lot_minted', 1000000000000, 'payment', '9002',
                            %2$s + INTERVAL '1 hour');
                    INSERT INTO ledger.usage_events (finalization_id, community_id, pool_id, nft_id, tokens_input,
                            tokens_output, amount_micro, debited_micro, unfunded_micro, debits, guard_result,
                            content_hash, occurred_at, created_at)
                    SELECT 'bulk-' || i, '%1$s', (ARRAY['cheap', 'fast-code', 'reviewer', 'reasoning', 'architect'])[1 + i %% 5],
                           'nft-' || (i %% 1000), 1000 + i %% 997, 200 + i %% 113, 1000 + i %% 500, 1000 + i %% 500, 0,
                           jsonb_build_array(jsonb_build_object('lot_id', 'lot-bulk-' || (1 + i %% 2), 'amount_micro',
                                                                1000 + i %% 500)),
                           'pass', md5(i::text) || md5(i::text), at, at + INTERVAL '30 seconds'
                    FROM generate_series(1, %3$d) AS i,
                         LATERAL (SELECT %2$s + INTERVAL '2 hours' + i * INTERVAL '14 seconds') AS t (at);
                    INSERT INTO ledger.lot_entries (entry_id, community_id, lot_id, entry_type, amount_micro, lot_source,
                                                    payment_id, finalization_id, occurred_at)
                    SELECT 'debit-bulk-' || i, '%1$s', 'lot-bulk-' || (1 + i %% 2), 'lot_debited', 1000 + i %% 500,
                           'payment', '900' || (1 + i %% 2), 'bulk-' || i,
                           %2$s + INTERVAL '2 hours' + i * INTERVAL '14 seconds'
                    FROM generate_series(1, %3$d) AS i
                    """.formatted(COMMUNITY, start, USAGE_EVENTS));
            connection.commit();
            statement.execute("ANALYZE ledger.usage_events; ANALYZE ledger.lot_entries; ANALYZE ledger.credit_lots");
        }
    }

    private static void startChild(TestDatabase database) throws Exception {
        port = freePort();
        Path log = Path.of("target", "large-export-child.log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + CHILD_HEAP, "-cp", System.getProperty("java.class.path"), HeapReportingAdmin.class.getName(),
                "--server.port=" + port, "--server.address=127.0.0.1"));
        Map.of("jwks-url", jwks.jwksUrl().toString(), "jwt-issuer", ISSUER, "jwt-audience", AUDIENCE,
                        "database-url", database.jdbcUrl(), "database-user", LedgerFixture.API_LOGIN,
                        "database-password", LedgerFixture.API_PASSWORD, "kafka-bootstrap-servers", "127.0.0.1:1")
                .forEach((name, value) -> command.add("--ledgerstream.admin." + name + "=" + value));
        child = new ProcessBuilder(command).redirectErrorStream(true).start();
        commands = new PrintWriter(new BufferedWriter(new OutputStreamWriter(child.getOutputStream(),
                StandardCharsets.UTF_8)), true);
        Thread reader = new Thread(() -> relay(child.getInputStream(), log), "large-export-child-output");
        reader.setDaemon(true);
        reader.start();
        String ready = answers.poll(90, TimeUnit.SECONDS);
        assertThat(ready).as("the child JVM did not start; see " + log.toAbsolutePath())
                .isEqualTo(HeapReportingAdmin.READY);
    }

    /** Copies the child's output to a log file, handing its marker lines to the test. */
    private static void relay(InputStream output, Path log) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(output, StandardCharsets.UTF_8));
                var file = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            String line;
            while ((line = lines.readLine()) != null) {
                file.write(line);
                file.newLine();
                file.flush();
                if (line.equals(HeapReportingAdmin.READY) || line.startsWith(HeapReportingAdmin.REPORT)) {
                    answers.add(line);
                }
            }
        } catch (IOException e) {
            answers.add("child output failed: " + e);
        }
    }

    private static List<Long> command(String command, Pattern answer) throws InterruptedException {
        commands.println(command);
        String line = answers.poll(60, TimeUnit.SECONDS);
        assertThat(line).as("answer to " + command).isNotNull();
        Matcher matcher = answer.matcher(line);
        assertThat(matcher.find()).as(line).isTrue();
        List<Long> values = new ArrayList<>();
        for (int group = 1; group <= matcher.groupCount(); group++) {
            values.add(Long.parseLong(matcher.group(group)));
        }
        return values;
    }

    /** Counts lines and bytes of a stream, keeping only the last line. */
    private static Counted count(InputStream body) throws IOException {
        long lines = 0;
        long bytes = 0;
        byte[] buffer = new byte[64 * 1024];
        StringBuilder current = new StringBuilder();
        String last = "";
        try (InputStream in = body) {
            int read;
            while ((read = in.read(buffer)) > 0) {
                bytes += read;
                for (int i = 0; i < read; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                        last = current.toString();
                        current.setLength(0);
                    } else {
                        current.append((char) buffer[i]);
                    }
                }
            }
        }
        return new Counted(lines, bytes, last);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static double mib(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }

    private record Counted(long lines, long bytes, String lastLine) {
    }
}
