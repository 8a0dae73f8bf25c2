package dev.ledgerstream.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerstream.sink.schema.LedgerMigrations;
import dev.ledgerstream.sink.write.DatabaseSettings;
import dev.ledgerstream.testsupport.TestServers;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * The migrations on a real PostgreSQL, and the catalog they leave: owners, forced row-level
 * security, append-only triggers that fire always, and no UPDATE, DELETE or TRUNCATE for the roles
 * the services use.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class LedgerSchemaIT {

    private static final List<String> TABLES = List.of("credit_lots", "crypto_payment_outcomes", "crypto_payments",
            "dead_letters", "guard_violations", "lot_entries", "operator_actions", "reconciliation_runs", "sink_rejects",
            "usage_events", "webhook_events");
    /** The aggregates (ADR 0019): added to by their roll-up triggers, never reduced or deleted. */
    private static final List<String> AGGREGATES = List.of("lot_totals", "usage_hourly", "usage_nft_checkpoints",
            "usage_nft_hourly");
    private static final List<String> TENANT_TABLES = List.of("credit_lots", "crypto_payment_outcomes",
            "crypto_payments", "guard_violations", "lot_entries", "operator_actions", "usage_events", "lot_totals",
            "usage_hourly", "usage_nft_checkpoints", "usage_nft_hourly");
    private static final List<String> ROLES = List.of("ledger_owner", "ledger_writer", "ledger_reader",
            "ledger_platform");

    /** Tables and views of schema ledger, as {@code c}; continue with AND. */
    private static final String LEDGER_RELATIONS = "pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            + "WHERE n.nspname = 'ledger' AND c.relkind IN ('r', 'v')";

    private static LedgerDatabase ledger;

    @BeforeAll
    static void migrate() {
        ledger = LedgerDatabase.migrated("schema");
    }

    @Test
    void migrations_succeed_on_a_fresh_database_and_again_on_a_migrated_one() {
        // given
        LedgerDatabase fresh = LedgerDatabase.migrated("fresh");

        // when
        MigrateResult again = LedgerMigrations.migrate(fresh.settings(), 0, Duration.ofSeconds(1));

        // then
        assertThat(again.success).isTrue();
        assertThat(again.migrationsExecuted).isZero();
        assertThat(again.initialSchemaVersion).isEqualTo("14");
    }

    @Test
    void a_second_database_on_the_same_server_finds_the_roles_and_migrates_all_the_same() {
        // given the roles exist already: the class's database created them, or an earlier run did
        var second = TestServers.postgres().newDatabase("second");

        // when
        MigrateResult result = LedgerMigrations.migrate(new DatabaseSettings(second.jdbcUrl(), second.user(),
                second.password(), Duration.ofSeconds(5), Duration.ofSeconds(30)), 0, Duration.ofSeconds(1));

        // then
        assertThat(result.success).isTrue();
        assertThat(result.migrationsExecuted).isEqualTo(14);
    }

    @Test
    void the_ledger_tables_and_the_view_are_owned_by_the_owner_role_and_the_platform_functions_by_the_platform_role()
            throws SQLException {
        // when
        Map<String, String> owners = map("SELECT c.relname, pg_get_userbyid(c.relowner) FROM pg_class c "
                + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'ledger' AND c.relkind IN ('r', 'v')");
        Map<String, String> functions = map("SELECT n.nspname || '.' || p.proname, pg_get_userbyid(p.proowner) "
                + "|| CASE WHEN p.prosecdef THEN ' definer' ELSE '' END || CASE WHEN p.proconfig IS NULL THEN '' "
                + "ELSE ' ' || array_to_string(p.proconfig, ',') END "
                + "FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname IN ('app', 'platform')");

        // then
        assertThat(owners.keySet()).containsAll(TABLES).contains("lot_balances");
        assertThat(owners.values()).containsOnly("ledger_owner");
        assertThat(functions).containsEntry("app.current_community_id", "ledger_owner")
                .containsEntry("platform.system_totals", "ledger_platform definer search_path=pg_catalog, pg_temp");
        functions.forEach((name, owner) -> {
            if (name.startsWith("platform.")) {
                assertThat(owner).as(name).isEqualTo("ledger_platform definer search_path=pg_catalog, pg_temp");
            }
        });
    }

    @Test
    void every_table_with_a_community_has_row_level_security_enabled_and_forced() throws SQLException {
        // when
        Map<String, String> security = map("SELECT c.relname, c.relrowsecurity || '/' || c.relforcerowsecurity "
                + "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_attribute a ON a.attrelid = c.oid "
                + "WHERE n.nspname = 'ledger' AND c.relkind = 'r' AND a.attname = 'community_id' AND NOT a.attisdropped");

        // then
        assertThat(security.keySet()).containsExactlyInAnyOrderElementsOf(TENANT_TABLES);
        assertThat(security.values()).containsOnly("true/true");
    }

    @Test
    void every_table_has_an_append_only_trigger_that_fires_always_even_for_replication_sessions() throws SQLException {
        // when
        Map<String, String> triggers = map("SELECT t.tgname, c.relname || ' ' || t.tgenabled::text FROM pg_trigger t "
                + "JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE n.nspname = 'ledger' AND NOT t.tgisinternal");

        // then
        for (String table : TABLES) {
            assertThat(triggers).containsEntry(table + "_append_only", table + " A");
        }
        assertThat(triggers).containsEntry("crypto_payments_forward_only", "crypto_payments A");
        for (String aggregate : AGGREGATES) {
            assertThat(triggers).containsEntry(aggregate + "_append_only", aggregate + " A")
                    .containsEntry(aggregate + "_only_grows", aggregate + " A");
        }
        assertThat(triggers).containsEntry("usage_events_roll_up", "usage_events A")
                .containsEntry("lot_entries_roll_up", "lot_entries A");
        assertThat(triggers).hasSize(TABLES.size() + 1 + 2 * AGGREGATES.size() + 2);
    }

    @Test
    void neither_the_writer_nor_the_reader_may_update_delete_or_truncate_anything_but_the_aggregates() throws SQLException {
        // when
        List<String> granted = list("SELECT r.role || ' ' || p.privilege || ' ' || c.relname "
                + "FROM unnest(ARRAY['ledger_writer', 'ledger_reader']) AS r(role) "
                + "CROSS JOIN unnest(ARRAY['UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER']) AS p(privilege) "
                + "CROSS JOIN " + LEDGER_RELATIONS + " AND has_table_privilege(r.role, c.oid, p.privilege)");
        List<String> updatableColumns = list("SELECT grantee || ' ' || table_name || '.' || column_name "
                + "FROM information_schema.column_privileges WHERE table_schema = 'ledger' AND privilege_type = 'UPDATE' "
                + "AND grantee IN ('ledger_writer', 'ledger_reader', 'ledger_platform') ORDER BY 1");

        // then: the writer adds to the aggregates (their triggers refuse anything but growth)
        assertThat(granted).containsExactlyInAnyOrder("ledger_writer UPDATE lot_totals",
                "ledger_writer UPDATE usage_hourly", "ledger_writer UPDATE usage_nft_checkpoints",
                "ledger_writer UPDATE usage_nft_hourly");
        updatableColumns.removeIf(column -> AGGREGATES.stream().anyMatch(aggregate -> column.contains(" " + aggregate + ".")));
        assertThat(updatableColumns).containsExactlyInAnyOrder(
                "ledger_writer crypto_payments.status", "ledger_writer crypto_payments.mint_outcome",
                "ledger_writer crypto_payments.lot_id", "ledger_writer crypto_payments.credited_micro",
                "ledger_writer crypto_payments.price_amount", "ledger_writer crypto_payments.price_currency",
                "ledger_writer crypto_payments.order_id", "ledger_writer crypto_payments.last_event_id",
                "ledger_writer crypto_payments.updated_at");
    }

    @Test
    void the_reader_may_select_only_the_tenant_tables_and_owns_nothing() throws SQLException {
        // when
        List<String> readable = list("SELECT c.relname FROM " + LEDGER_RELATIONS
                + " AND has_table_privilege('ledger_reader', c.oid, 'SELECT') ORDER BY 1");
        long owned = count("SELECT count(*) FROM pg_class WHERE relowner = 'ledger_reader'::regrole");

        // then
        List<String> expected = new ArrayList<>(TENANT_TABLES);
        expected.add("lot_balances");
        assertThat(readable).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(owned).isZero();
    }

    @Test
    void no_ledger_role_can_log_in_bypass_row_level_security_or_act_as_superuser() throws SQLException {
        // when
        Map<String, String> roles = map("SELECT rolname, rolcanlogin || '/' || rolbypassrls || '/' || rolsuper "
                + "FROM pg_roles WHERE rolname LIKE 'ledger\\_%'");

        // then
        assertThat(roles.keySet()).containsAll(ROLES);
        ROLES.forEach(role -> assertThat(roles.get(role)).as(role).isEqualTo("false/false/false"));
    }

    private static Map<String, String> map(String sql) throws SQLException {
        Map<String, String> result = new TreeMap<>();
        try (Connection connection = ledger.database().connect(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                result.put(rows.getString(1), rows.getString(2));
            }
        }
        return result;
    }

    private static List<String> list(String sql) throws SQLException {
        List<String> result = new ArrayList<>();
        try (Connection connection = ledger.database().connect(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                result.add(rows.getString(1));
            }
        }
        return result;
    }

    private static long count(String sql) throws SQLException {
        try (Connection connection = ledger.database().connect(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
