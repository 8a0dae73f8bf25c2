package dev.ledgerstream.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerstream.local.actions.ActionCommand;
import dev.ledgerstream.local.devauth.IpnSigner;
import dev.ledgerstream.reconcile.ReconcileTool;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC 8 through the whole pipeline as local mode runs it: a mixed workload goes in over HTTP
 * (payments finished, partial, below the minimum, in another currency, stale and duplicate
 * notifications, a refund after spending; usage across pools, duplicates, a conflict, an id reused
 * by another community, unfunded usage); then
 * <ol>
 *   <li>reconcile finds the ledger in PostgreSQL equal to the replay of the raw topics, records the
 *       run, and the admin API shows it;</li>
 *   <li>a row changed behind the system's back (as the superuser, append-only trigger disabled) is
 *       reported with its community and field, and the command exits 1;</li>
 *   <li>a reconcile from a time between the two halves of the workload trusts the ledger before it
 *       (the change above is not seen) and finds a change after it;</li>
 *   <li>the database is dropped, and rebuild reproduces from Kafka alone an identical ledger: every
 *       row of every ledger table the same as before the change, and the same digests.</li>
 * </ol>
 * Usage is sent the moment its community's notifications are answered, as a customer who buys and
 * spends at once sends it: it is debited against the lots they mint (ADR 0011).
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ReconcileRebuildIT {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    /** The ledger tables, each with the order that makes its dump canonical; written_at is operational. */
    private static final Map<String, String> TABLES = tables();
    /**
     * A finalization id reused by another community is reported once, filed under whichever
     * community's usage reached the owner check second; live and replay may see the two in either
     * order (ADR 0008), so these reports are compared by finalization id only.
     */
    private static final String CROSS_COMMUNITY = "(invariant = 'I-6'"
            + " AND details->>'first_community_id' <> details->>'conflicting_community_id')";

    private final String a = UUID.randomUUID().toString();
    private final String b = UUID.randomUUID().toString();
    private final String c = UUID.randomUUID().toString();
    private final long firstPayment = ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_000_000_000L);

    @TempDir
    Path dataDirectory;

    @Test
    void reconcile_finds_no_difference_then_the_changed_field_and_rebuild_reproduces_the_ledger() throws Exception {
        // given
        LocalSettings settings = LocalModeClient.settingsOnFreePorts(dataDirectory);
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        try (LocalMode local = new LocalMode(settings, new PrintStream(console, true, StandardCharsets.UTF_8))) {
            local.start();
            String database = local.wiring().databaseUrl();
            Instant middle = mixedWorkload(local, settings, database);
            Map<String, List<String>> before = dump(database);
            assertThat(scalar(database, "SELECT string_agg(mint_outcome || '/' || credited_micro || '/' || (lot_id IS NULL),"
                    + " ',' ORDER BY payment_id) FROM ledger.crypto_payments WHERE payment_id IN ('" + (firstPayment + 6)
                    + "','" + (firstPayment + 7) + "')")).isEqualTo("held_underpaid/0/true,held_repeat_deposit/0/true");

            // when
            Run first = reconcile(settings, "reconcile", "--settle", "60s", "--json",
                    dataDirectory.resolve("first.json").toString());

            // then
            assertThat(first.status).as(first.out).isZero();
            assertThat(first.out).contains("reconcile", ": ok (", "0 differences").doesNotContain("DIFFERENT");
            assertThat(first.out).contains(a, b, c);
            assertThat(Files.readString(dataDirectory.resolve("first.json"))).contains("\"result\" : \"ok\"");
            assertThat(scalar(database, "SELECT result FROM ledger.reconciliation_runs ORDER BY finished_at DESC LIMIT 1"))
                    .isEqualTo("ok");
            String adminToken = LocalMode.adminToken(settings, Instant.now());
            HttpResponse<String> runs = LocalModeClient.get(URI.create(local.adminUrl() + "/api/v1/admin/reconciliation"), adminToken);
            assertThat(runs.statusCode()).as(runs.body()).isEqualTo(200);
            assertThat(runs.body()).contains("\"result\":\"ok\"", "\"kind\":\"reconcile\"", a);
            HttpResponse<String> conservation = LocalModeClient.get(URI.create(local.adminUrl() + "/api/v1/admin/conservation"),
                    adminToken);
            assertThat(conservation.body()).contains("\"last_reconciliation\"", "\"result\":\"ok\"");
            await("the reconciliation on /metrics", () -> "0.0".equals(metric(local, "ledger_reconciliation_differences")));
            HttpResponse<String> held = LocalModeClient.get(URI.create(local.adminUrl()
                    + "/api/v1/admin/unassigned-payments?limit=1000"), adminToken);
            assertThat(held.body()).contains("\"payment_id\":\"" + (firstPayment + 7) + "\"",
                    "\"reason\":\"held_repeat_deposit\"", "\"payment_id\":\"" + (firstPayment + 4) + "\"")
                    .doesNotContain("\"payment_id\":\"" + (firstPayment + 6) + "\"",      // released
                            "\"payment_id\":\"" + (firstPayment + 3) + "\"");             // dismissed
            assertThat(scalar(database, "SELECT string_agg(kind || '/' || result || '/' || actor, ',' ORDER BY requested_at,"
                    + " result) FROM ledger.operator_actions")).isEqualTo(
                            "dismiss/applied/local-dev,set_charging_mode/applied/local-dev,release/applied/local-dev,"
                            + "grant/applied/local-dev,grant/duplicate/local-dev,set_charging_mode/applied/local-dev,"
                            + "set_charging_mode/applied/local-dev");
            assertThat(scalar(database, "SELECT string_agg(finalization_id || '/' || charging_mode || '/' || debited_micro"
                    + " || '/' || unfunded_micro || '/' || waived_micro, ',' ORDER BY finalization_id)"
                    + " FROM ledger.usage_events WHERE community_id = '" + b + "' AND finalization_id IN ('b-3', 'b-4')"))
                    .isEqualTo("b-3/shadow/0/0/300000,b-4/shadow/0/0/200000");
            assertThat(scalar(database, "SELECT mint_outcome || '/' || credited_micro FROM ledger.crypto_payments"
                    + " WHERE payment_id = '" + (firstPayment + 8) + "'")).isEqualTo("held_paused/0");
            assertThat(scalar(database, "SELECT string_agg(debited_micro::text, ',') FROM ledger.usage_events"
                    + " WHERE finalization_id = 'c-3'")).isEqualTo("30000");
            HttpResponse<String> auditOfB = LocalModeClient.get(URI.create(local.adminUrl() + "/api/v1/admin/community/"
                    + b + "/audit?format=jsonl&days=3660"), adminToken);
            assertThat(auditOfB.body()).contains("\"operation_type\":\"operator_set_charging_mode\"")
                    .containsPattern("\"operation_type\":\"usage_shadow\",\"amount_micro\":\"300000\"");
            HttpResponse<String> modes = LocalModeClient.get(URI.create(local.adminUrl() + "/api/v1/admin/charging-mode"),
                    adminToken);
            assertThat(modes.body()).contains("\"minting\":\"live\"", "\"reason\":\"incident over\"",
                    "\"community_id\":\"" + b + "\",\"charging\":\"shadow\"");
            await("b's shadow on /metrics", () -> "1.0".equals(metricOf(local,
                    "ledger_charging_shadow{application=\"admin-api\",scope=\"community\"}")));
            assertThat(scalar(database, "SELECT source || '/' || minted_micro FROM ledger.lot_balances WHERE payment_id = '"
                    + (firstPayment + 6) + "'")).isEqualTo("payment/10500000");
            HttpResponse<String> audit = LocalModeClient.get(URI.create(local.adminUrl() + "/api/v1/admin/community/" + a
                    + "/audit?format=jsonl&days=1"), adminToken);
            assertThat(audit.body()).contains("\"operation_type\":\"operator_release\"",
                    "\"operation_type\":\"operator_dismiss\"", "\"payment_id\":\"" + (firstPayment + 6) + "\"");
            HttpResponse<String> payments = LocalModeClient.get(URI.create(local.adminUrl() + "/api/v1/admin/community/" + a
                    + "/payments?limit=500"), adminToken);
            assertThat(payments.body()).containsPattern("\"payment_id\":\"" + (firstPayment + 6)
                    + "\",\"status\":\"finished\",\"mint_outcome\":\"held_underpaid\",\"credited_micro\":\"10500000\"[^}]*"
                    + "\"attention\":\\[\\],\"resolution\":\\{\"kind\":\"release\",\"actor\":\"local-dev\"");

            // when only what was caused from the middle on is checked
            Run window = reconcile(settings, "reconcile", "--from", middle.toString(), "--settle", "5s");

            // then
            assertThat(window.status).as(window.out + window.err).isZero();
            assertThat(window.out).contains("from " + middle, ": ok (", "0 differences");
            assertThat(window.err).contains("resumed from the ledger as of " + middle);
            assertThat(scalar(database, "SELECT replayed_from IS NOT NULL FROM ledger.reconciliation_runs"
                    + " ORDER BY finished_at DESC LIMIT 1")).isEqualTo("t");

            // when a debit of community a is changed behind the system's back
            String entry = scalar(database, "SELECT entry_id FROM ledger.lot_entries WHERE community_id = '" + a
                    + "' AND entry_type = 'lot_debited' ORDER BY entry_id LIMIT 1");
            execute(database, "ALTER TABLE ledger.lot_entries DISABLE TRIGGER lot_entries_append_only",
                    "UPDATE ledger.lot_entries SET amount_micro = amount_micro + 7 WHERE entry_id = '" + entry + "'",
                    "ALTER TABLE ledger.lot_entries ENABLE ALWAYS TRIGGER lot_entries_append_only");
            Run second = reconcile(settings, "reconcile", "--settle", "5s");

            // then
            assertThat(second.status).as(second.out).isEqualTo(1);
            assertThat(second.out).contains("differences (", "lot_entries " + a + " " + entry + " amount_micro",
                    "balance " + a, "DIFFERENT");
            assertThat(second.out.lines().filter(line -> line.contains("DIFFERENT")).toList())
                    .singleElement().asString().startsWith(a);
            assertThat(scalar(database, "SELECT result FROM ledger.reconciliation_runs ORDER BY finished_at DESC LIMIT 1"))
                    .isEqualTo("differences");
            await("the differences on /metrics", () -> !"0.0".equals(metric(local, "ledger_reconciliation_differences")));
            assertThat(scalar(database, "SELECT differences::text FROM ledger.reconciliation_runs"
                    + " ORDER BY finished_at DESC LIMIT 1")).contains(entry, "amount_micro", a);

            // and a reconcile from the middle trusts the ledger before it, but not after it
            assertThat(reconcile(settings, "reconcile", "--from", middle.toString(), "--settle", "5s").status)
                    .isZero();
            String late = scalar(database, "SELECT entry_id FROM ledger.lot_entries WHERE finalization_id = 'a-12'");
            execute(database, "ALTER TABLE ledger.lot_entries DISABLE TRIGGER lot_entries_append_only",
                    "UPDATE ledger.lot_entries SET amount_micro = amount_micro - 5 WHERE entry_id = '" + late + "'",
                    "ALTER TABLE ledger.lot_entries ENABLE ALWAYS TRIGGER lot_entries_append_only");
            Run third = reconcile(settings, "reconcile", "--from", middle.toString(), "--settle", "5s");
            assertThat(third.status).as(third.out).isEqualTo(1);
            assertThat(third.out).contains("lot_entries " + a + " " + late + " amount_micro: ledger 1999995, replay 2000000");

            // and an aggregate the admin API reads (ADR 0019) that disagrees with the replay is reported
            execute(database, "UPDATE ledger.usage_hourly SET events = events + 1 WHERE community_id = '" + c + "'");
            Run fourth = reconcile(settings, "reconcile", "--settle", "5s");
            assertThat(fourth.status).as(fourth.out).isEqualTo(1);
            assertThat(fourth.out).contains("usage_hourly " + c + " ").containsPattern("events: ledger \\d+, replay \\d+");

            // when the database is lost and rebuilt from Kafka alone
            String server = database.substring(0, database.lastIndexOf('/') + 1);
            execute(server + "postgres", "DROP DATABASE " + database.substring(database.lastIndexOf('/') + 1)
                    + " WITH (FORCE)", "CREATE DATABASE ledgerstream_rebuilt");
            Run rebuilt = reconcile(settings, Map.of("DATABASE_URL", server + "ledgerstream_rebuilt"), "rebuild");

            // then
            assertThat(rebuilt.status).as(rebuilt.out + rebuilt.err).isZero();
            assertThat(rebuilt.out).contains("rebuild", ": ok (").doesNotContain("DIFFERENT");
            assertThat(dump(server + "ledgerstream_rebuilt")).isEqualTo(before);
            assertThat(digests(rebuilt.out)).isEqualTo(digests(first.out));
        }
    }

    /**
     * Payments of every outcome, then at once usage of every kind; the first usage is awaited in
     * PostgreSQL so that the time returned lies between it and the refund.
     */
    private Instant mixedWorkload(LocalMode local, LocalSettings settings, String database) throws Exception {
        URI ingest = local.ingestUrl();
        String secret = local.wiring().ipnSecret();
        ipn(ingest, secret, a, 0, "waiting", "25", "usd");
        ipn(ingest, secret, a, 0, "finished", "25", "usd");
        ipn(ingest, secret, a, 0, "confirming", "25", "usd");       // stale
        ipn(ingest, secret, a, 1, "finished", "10", "usd");
        ipn(ingest, secret, a, 1, "finished", "10", "usd");         // the same notification again
        ipn(ingest, secret, a, 2, "partially_paid", "25", "usd");
        ipn(ingest, secret, a, 3, "finished", "3", "usd");          // below the minimum
        ipn(ingest, secret, a, 4, "finished", "25", "eur");         // another currency
        ipnPaying(ingest, secret, a, 6, "10", "9", null);            // paid 9 of 10: held_underpaid
        ipnPaying(ingest, secret, a, 7, "25", "25", firstPayment + 1); // a repeat deposit: held_repeat_deposit
        ipn(ingest, secret, b, 5, "finished", "5", "usd");
        // Usage follows at once: sent after its notifications were answered 200, it is debited
        // against their lots (ADR 0011), live and in the replay alike.
        List<String> first = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            first.add(usage(a, "a-" + i, i % 2 == 0 ? "cheap" : "fast-code", 400_000 + 10_000L * i));
        }
        for (int i = 0; i < 3; i++) {
            first.add(usage(b, "b-" + i, "cheap", 1_500_000));
        }
        first.add(usage(c, "c-0", "reasoning", 250_000));           // c has no credit: unfunded
        // a time finer than PostgreSQL keeps: stored rounded to the microsecond, compared so
        first.add(usage(a, "a-nanos", "cheap", 1_000).replace("10:15:30Z", "10:15:30.123456789Z"));
        first.add(usage(a, "shared-" + a, "cheap", 100_000));
        first.add(usage(c, "shared-" + a, "cheap", 100_000));        // the same id in another community
        usage(ingest, settings, first);
        usage(ingest, settings, List.of(usage(a, "a-0", "cheap", 400_000),  // a duplicate
                usage(a, "a-1", "fast-code", 999_999)));                  // a conflict: the first version stands
        await("the first usage", () -> count(database, "SELECT count(*) FROM ledger.usage_events WHERE community_id IN ('"
                + a + "','" + b + "','" + c + "')") == 19);
        // An operator dismisses the payment below the minimum (SPEC 5.5), before the middle.
        // (through ./ledgerstream action, as an operator would)
        ActionCommand command = new ActionCommand(local.adminUrl(), () -> LocalMode.adminToken(settings, Instant.now()));
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        PrintStream to = new PrintStream(said, true, StandardCharsets.UTF_8);
        assertThat(command.run(List.of("dismiss", "--payment", Long.toString(firstPayment + 3), "--reason", "test order",
                "--key", "dismiss-3"), to, to)).as(said.toString(StandardCharsets.UTF_8)).isZero();
        await("the dismissal", () -> count(database, "SELECT count(*) FROM ledger.operator_actions WHERE payment_id = '"
                + (firstPayment + 3) + "' AND result = 'applied'") == 1);
        said.reset();
        assertThat(command.run(List.of("list", "--limit", "5"), to, to)).isZero();
        assertThat(said.toString(StandardCharsets.UTF_8)).startsWith("200 ").contains("\"kind\":\"dismiss\"",
                "\"result\":\"applied\"", "\"actor\":\"local-dev\"");
        // ... and puts b's charging in shadow (SPEC 5.5): b's later usage is recorded and waived. A
        // reconcile from the middle must fold this in from the ledger.
        assertThat(command.run(List.of("mode", "--community", b, "--charging", "shadow", "--minting", "live",
                "--reason", "pricing under review", "--key", "shadow-b"), to, to)).isZero();
        await("b in shadow", () -> count(database, "SELECT count(*) FROM ledger.operator_actions WHERE community_id = '"
                + b + "' AND kind = 'set_charging_mode' AND result = 'applied'") == 1);

        Instant middle = Instant.now();
        ipn(ingest, secret, b, 5, "refunded", "5", "usd");          // revokes what b has left
        usage(ingest, settings, List.of(usage(b, "b-3", "cheap", 300_000), usage(a, "a-12", "architect", 2_000_000),
                usage(c, "c-1", "reasoning", 50_000)));
        // After the middle: the underpaid payment is released, c is granted credit, the same grant is
        // sent again (a duplicate), and more usage follows.
        act(local, settings, "{\"kind\":\"release\",\"payment_id\":\"" + (firstPayment + 6)
                + "\",\"idempotency_key\":\"release-6\",\"reason\":\"paid the rest by transfer\"}");
        String grant = "{\"kind\":\"grant\",\"community_id\":\"" + c + "\",\"amount_micro\":\"1000000\","
                + "\"expires_at\":\"2099-01-01T00:00:00Z\",\"idempotency_key\":\"welcome\",\"reason\":\"welcome\"}";
        act(local, settings, grant);
        act(local, settings, grant);
        usage(ingest, settings, List.of(usage(a, "a-13", "cheap", 1_000_000), usage(c, "c-2", "reasoning", 70_000)));
        // Minting paused for every community (one copy on each partition): c's payment finishing now is
        // held; then minting is live again, and c's next usage is debited from the grant.
        act(local, settings, "{\"kind\":\"set_charging_mode\",\"charging\":\"live\",\"minting\":\"paused\","
                + "\"idempotency_key\":\"pause-all\",\"reason\":\"provider incident\"}");
        ipn(ingest, secret, c, 8, "finished", "5", "usd");
        act(local, settings, "{\"kind\":\"set_charging_mode\",\"charging\":\"live\",\"minting\":\"live\","
                + "\"idempotency_key\":\"resume-all\",\"reason\":\"incident over\"}");
        usage(ingest, settings, List.of(usage(c, "c-3", "reasoning", 30_000), usage(b, "b-4", "cheap", 200_000)));
        await("all usage", () -> count(database, "SELECT count(*) FROM ledger.usage_events WHERE community_id IN ('"
                + a + "','" + b + "','" + c + "')") == 26);
        await("the actions", () -> count(database, "SELECT count(*) FROM ledger.operator_actions") == 7);
        await("the held payments", () -> count(database, "SELECT count(*) FROM ledger.crypto_payments WHERE payment_id IN ('"
                + (firstPayment + 6) + "','" + (firstPayment + 7) + "') AND mint_outcome LIKE 'held_%'") == 2);
        return middle;
    }

    /** The value of a gauge on the admin API's /metrics (its first series), or null. */
    private static String metric(LocalMode local, String name) {
        try {
            HttpResponse<String> metrics = LocalModeClient.get(URI.create(local.adminUrl() + "/metrics"), null);
            return metrics.body().lines().filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
                    .map(line -> line.substring(line.lastIndexOf(' ') + 1)).findFirst().orElse(null);
        } catch (Exception e) {
            return null;
        }
    }

    /** The value of the series {@code series} (name and labels, as written) on the admin API's /metrics, or null. */
    private static String metricOf(LocalMode local, String series) {
        try {
            HttpResponse<String> metrics = LocalModeClient.get(URI.create(local.adminUrl() + "/metrics"), null);
            return metrics.body().lines().filter(line -> line.startsWith(series + " "))
                    .map(line -> line.substring(line.lastIndexOf(' ') + 1)).findFirst().orElse(null);
        } catch (Exception e) {
            return null;
        }
    }

    /** An operator's action through the admin API, answered 202. */
    private static void act(LocalMode local, LocalSettings settings, String body) throws Exception {
        HttpResponse<String> answer = LocalModeClient.post(URI.create(local.adminUrl() + "/api/v1/admin/actions"), body,
                Map.of("content-type", "application/json",
                        "authorization", "Bearer " + LocalMode.adminToken(settings, Instant.now())));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
    }

    private void ipn(URI ingest, String secret, String community, int payment, String status, String price,
            String currency) throws Exception {
        // Compact, keys sorted, integers only: this body is its own canonical form (SPEC 3.1).
        String body = "{\"order_id\":\"" + community + ":it\",\"payment_id\":" + (firstPayment + payment)
                + ",\"payment_status\":\"" + status + "\",\"price_amount\":" + price + ",\"price_currency\":\""
                + currency + "\"}";
        HttpResponse<String> answer = LocalModeClient.post(URI.create(ingest + "/api/crypto/webhook"), body,
                Map.of("content-type", "application/json", "x-nowpayments-sig", IpnSigner.sign(secret, body)));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }

    /** A finished notification in the provider's shape: what was paid at fiat, and the payment it repeats. */
    private void ipnPaying(URI ingest, String secret, String community, int payment, String price, String paidAtFiat,
            Long parentPaymentId) throws Exception {
        String body = "{\"actually_paid_at_fiat\":" + paidAtFiat + ",\"order_id\":\"" + community
                + ":it\",\"parent_payment_id\":" + parentPaymentId + ",\"payment_id\":" + (firstPayment + payment)
                + ",\"payment_status\":\"finished\",\"price_amount\":" + price + ",\"price_currency\":\"usd\"}";
        HttpResponse<String> answer = LocalModeClient.post(URI.create(ingest + "/api/crypto/webhook"), body,
                Map.of("content-type", "application/json", "x-nowpayments-sig", IpnSigner.sign(secret, body)));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }

    private static String usage(String community, String id, String pool, long amount) {
        return "{\"finalization_id\":\"" + id + "\",\"community_id\":\"" + community + "\",\"pool_id\":\"" + pool
                + "\",\"tokens_input\":1000,\"tokens_output\":250,\"amount_micro\":" + amount
                + ",\"occurred_at\":\"2026-11-22T10:15:30Z\"}";
    }

    private static void usage(URI ingest, LocalSettings settings, List<String> events) throws Exception {
        HttpResponse<String> answer = LocalModeClient.post(URI.create(ingest + "/api/v1/usage/finalizations"),
                "{\"events\":[" + String.join(",", events) + "]}", Map.of("content-type", "application/json",
                        "authorization", "Bearer " + LocalMode.usageToken(settings, Instant.now())));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
    }

    private record Run(int status, String out, String err) {
    }

    private Run reconcile(LocalSettings settings, String... args) {
        return reconcile(settings, Map.of(), args);
    }

    private Run reconcile(LocalSettings settings, Map<String, String> overrides, String... args) {
        Map<String, String> env = new LinkedHashMap<>(LocalMode.toolEnvironment(settings, Map.of(), false));
        env.putAll(overrides);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = ReconcileTool.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The digest lines of a report: community, ledger digest, replay digest. */
    private static List<String> digests(String report) {
        return report.lines().filter(line -> line.matches("[0-9a-f-]{36}  [0-9a-f]{64}  [0-9a-f]{64}  .*")).sorted()
                .toList();
    }

    /** Every row of every ledger table but the runs, without written_at, in a canonical order. */
    private static Map<String, List<String>> dump(String database) throws SQLException {
        Map<String, List<String>> dump = new LinkedHashMap<>();
        try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
            for (Map.Entry<String, String> table : TABLES.entrySet()) {
                List<String> rows = new ArrayList<>();
                try (ResultSet result = statement.executeQuery("SELECT * FROM ledger." + table.getKey()
                        + (table.getKey().equals("guard_violations") ? " WHERE NOT " + CROSS_COMMUNITY : "")
                        + " ORDER BY " + table.getValue())) {
                    ResultSetMetaData columns = result.getMetaData();
                    while (result.next()) {
                        StringBuilder row = new StringBuilder();
                        for (int i = 1; i <= columns.getColumnCount(); i++) {
                            if (!columns.getColumnName(i).equals("written_at")) {
                                row.append(columns.getColumnName(i)).append('=').append(result.getString(i)).append(' ');
                            }
                        }
                        rows.add(row.toString());
                    }
                }
                dump.put(table.getKey(), rows);
            }
            try (ResultSet reports = statement.executeQuery("SELECT details->>'finalization_id' FROM ledger.guard_violations"
                    + " WHERE " + CROSS_COMMUNITY + " ORDER BY 1")) {
                List<String> ids = new ArrayList<>();
                while (reports.next()) {
                    ids.add(reports.getString(1));
                }
                dump.put("cross-community reports, by finalization id", ids);
            }
        }
        return dump;
    }

    private static Map<String, String> tables() {
        Map<String, String> tables = new LinkedHashMap<>();
        tables.put("credit_lots", "lot_id");
        tables.put("lot_entries", "entry_id");
        tables.put("usage_events", "community_id, finalization_id");
        tables.put("webhook_events", "provider, event_id");
        tables.put("crypto_payment_outcomes", "outcome_id");
        tables.put("crypto_payments", "payment_id");
        tables.put("guard_violations", "violation_id");
        tables.put("operator_actions", "outcome_id");
        return tables;
    }

    private static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(database, "postgres", "");
    }

    private static long count(String database, String sql) {
        try {
            return Long.parseLong(scalar(database, sql));
        } catch (SQLException e) {
            return -1;
        }
    }

    private static String scalar(String database, String sql) throws SQLException {
        try (Connection connection = connect(database); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getString(1);
        }
    }

    private static void execute(String database, String... statements) throws SQLException {
        try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private static void await(String what, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " did not reach PostgreSQL within " + PATIENCE);
            }
            Thread.sleep(250);
        }
    }



}
