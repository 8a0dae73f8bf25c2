package dev.ledgerstream.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ledgerstream.schemas.PaymentStatus;
import dev.ledgerstream.schemas.ingest.ActionKind;
import dev.ledgerstream.schemas.ingest.OperatorAction;
import dev.ledgerstream.schemas.ledger.ActionOutcome;
import dev.ledgerstream.schemas.ledger.ActionResult;
import dev.ledgerstream.sink.write.LedgerWriter;
import dev.ledgerstream.sink.write.SinkRecord;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * The ledger's walls, tried from the inside: what the writer cannot change, what the reader cannot
 * see, and that the tenant scope must be set. The rows are written by the sink's own writer.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class LedgerSecurityIT {

    private static final String A = UUID.randomUUID().toString();
    private static final String B = UUID.randomUUID().toString();
    private static final List<String> TENANT_TABLES = List.of("credit_lots", "lot_entries", "lot_balances",
            "usage_events", "crypto_payment_outcomes", "crypto_payments", "guard_violations", "operator_actions");
    private static final List<String> TABLES = List.of("credit_lots", "lot_entries", "usage_events", "webhook_events",
            "crypto_payment_outcomes", "crypto_payments", "guard_violations", "reconciliation_runs", "dead_letters",
            "sink_rejects", "operator_actions");

    private static LedgerDatabase ledger;

    @BeforeAll
    static void two_communities_with_a_bit_of_everything() throws Exception {
        ledger = LedgerDatabase.migrated("security");
        TestRecords records = new TestRecords();
        List<SinkRecord> batch = new ArrayList<>();
        long payment = 500;
        for (String community : List.of(A, B)) {
            String lot = "lot-" + community;
            String paymentId = Long.toString(payment++);
            batch.add(records.read(TestRecords.accepted(community, paymentId, PaymentStatus.FINISHED, null, lot,
                    10_000_000, TestRecords.T0)));
            batch.add(records.read(TestRecords.mint(community, lot, paymentId, 10_000_000)));
            batch.add(records.read(TestRecords.debit(community, lot, paymentId, "f-" + community, 1_000_000)));
            batch.add(records.read(TestRecords.usage(community, "f-" + community, lot, 1_000_000)));
            batch.add(records.read(TestRecords.violation(community, "f-" + community)));
            batch.add(records.read(ActionOutcome.of(OperatorAction.of("k", ActionKind.GRANT, community, null, 5L, null,
                    "ops", "goodwill", TestRecords.T0), ActionResult.REJECTED, "for the test", community, null, 5)));
        }
        batch.add(records.read(TestRecords.accepted(null, "599", PaymentStatus.WAITING, null, null, 0, TestRecords.T0)));
        try (LedgerWriter writer = new LedgerWriter(ledger.settings(), "security-it", Clock.systemUTC())) {
            assertThat(writer.write(batch, LedgerWriter.BeforeCommit.NOTHING).rejects()).isEmpty();
        }
    }

    @Test
    void as_the_writer_update_delete_and_truncate_fail_on_every_table() throws SQLException {
        try (Connection writer = ledger.as("ledger_writer"); Statement statement = writer.createStatement()) {
            statement.execute("SET app.community_id = '" + A + "'");
            for (String table : TABLES) {
                // when / then
                assertSqlState(statement, "UPDATE ledger." + table + " SET written_at = now()", "42501");
                assertSqlState(statement, "DELETE FROM ledger." + table, "42501");
                assertSqlState(statement, "TRUNCATE ledger." + table, "42501");
            }
            assertSqlState(statement, "UPDATE ledger.crypto_payments SET community_id = NULL", "42501");
        }
    }

    @Test
    void even_a_superuser_in_a_replication_session_cannot_update_delete_or_truncate() throws SQLException {
        try (Connection owner = ledger.database().connect(); Statement statement = owner.createStatement()) {
            // given a login that bypasses privileges and row-level security, with ordinary triggers switched off
            assumeTrue(isSuperuser(statement), "needs a superuser login, as the embedded server has");
            statement.execute("SET session_replication_role = replica");
            for (String table : TABLES) {
                // when / then: the append-only triggers are ENABLE ALWAYS
                if (!table.equals("crypto_payments")) {
                    assertSqlState(statement, "UPDATE ledger." + table + " SET written_at = now()", "LS002");
                }
                assertSqlState(statement, "DELETE FROM ledger." + table, "LS002");
                assertSqlState(statement, "TRUNCATE ledger." + table + " CASCADE", "LS002");
            }
        }
    }

    @Test
    void a_payment_status_only_moves_forward_and_its_lot_never_changes() throws SQLException {
        try (Connection writer = ledger.as("ledger_writer"); Statement statement = writer.createStatement()) {
            // given a finished payment of A
            statement.execute("SET app.community_id = '" + A + "'");
            String payment = "(SELECT payment_id FROM ledger.crypto_payments LIMIT 1)";

            // when / then
            assertSqlState(statement, "UPDATE ledger.crypto_payments SET status = 'confirming' WHERE payment_id = "
                    + payment, "23514");
            assertSqlState(statement, "UPDATE ledger.crypto_payments SET status = 'refunded', lot_id = 'another' "
                    + "WHERE payment_id = " + payment, "23514");
            assertThat(statement.executeUpdate("UPDATE ledger.crypto_payments SET status = 'refunded' "
                    + "WHERE payment_id = " + payment)).isEqualTo(1);
            assertSqlState(statement, "UPDATE ledger.crypto_payments SET status = 'finished' WHERE payment_id = "
                    + payment, "23514");
        }
    }

    @Test
    void as_the_reader_another_communitys_rows_are_invisible() throws SQLException {
        try (Connection reader = ledger.readerOf(A); Statement statement = reader.createStatement()) {
            for (String table : TENANT_TABLES) {
                // when
                List<String> communities = strings(statement, "SELECT DISTINCT community_id::text FROM ledger." + table);

                // then
                assertThat(communities).as(table).containsExactly(A);
            }
            assertThat(strings(statement, "SELECT remaining_micro::text FROM ledger.lot_balances")).containsExactly("9000000");
        }
    }

    @Test
    void as_the_reader_a_query_without_the_tenant_setting_raises() throws SQLException {
        try (Connection reader = ledger.as("ledger_reader"); Statement statement = reader.createStatement()) {
            for (String table : TENANT_TABLES) {
                // when / then
                assertSqlState(statement, "SELECT count(*) FROM ledger." + table, "LS001");
            }
        }
    }

    @Test
    void only_the_platform_reader_may_call_the_platform_functions_that_read_across_tenants() throws SQLException {
        // when a read acting as ledger_reader (every community admin's) calls one, PostgreSQL refuses it
        try (Connection reader = ledger.as("ledger_reader"); Statement statement = reader.createStatement()) {
            assertSqlState(statement, "SELECT count(*) FROM platform.system_totals()", "42501");
            assertSqlState(statement, "SELECT count(*) FROM platform.recent_operator_actions(10)", "42501");
        }
        // then acting as ledger_platform_reader, which a login of ledger_reader may become, it answers
        try (Connection platform = ledger.as("ledger_platform_reader"); Statement statement = platform.createStatement();
                java.sql.ResultSet rows = statement.executeQuery("SELECT count(*) FROM platform.system_totals()")) {
            assertThat(rows.next()).isTrue();
        }
        assertThat(strings(ledger.as("ledger_owner").createStatement(),
                "SELECT pg_has_role('ledger_reader', 'ledger_platform_reader', 'MEMBER')::text"
                        + " || ' ' || pg_has_role('ledger_reader', 'ledger_platform_reader', 'USAGE')::text"))
                .containsExactly("true false");
    }

    @Test
    void the_writer_cannot_write_a_row_outside_the_scope_it_set_nor_without_one() throws SQLException {
        String insert = "INSERT INTO ledger.guard_violations (violation_id, invariant, community_id, details, detected_at) "
                + "VALUES ('v-" + UUID.randomUUID() + "', 'I-2', '" + B + "', '{}', now())";
        try (Connection writer = ledger.as("ledger_writer"); Statement statement = writer.createStatement()) {
            // when / then
            assertSqlState(statement, insert, "LS001");
            statement.execute("SET app.community_id = '" + A + "'");
            assertSqlState(statement, insert, "42501");
            statement.execute("SET app.community_id = 'none'");
            assertSqlState(statement, insert, "42501");
        }
    }

    @Test
    void platform_wide_figures_are_reached_only_through_the_platform_functions() throws SQLException {
        try (Connection reader = ledger.readerOf(A); Statement statement = reader.createStatement()) {
            // when / then: no direct access to tables without a community
            assertSqlState(statement, "SELECT count(*) FROM ledger.webhook_events", "42501");
            assertSqlState(statement, "SELECT count(*) FROM ledger.dead_letters", "42501");
        }
        try (Connection platform = ledger.as("ledger_platform_reader"); Statement statement = platform.createStatement()) {
            // ...and the system totals, read as the platform reader, cover both communities and nothing else of theirs
            assertSqlState(statement, "SELECT count(*) FROM ledger.webhook_events", "42501");
            try (ResultSet totals = statement.executeQuery("SELECT * FROM platform.system_totals()")) {
                totals.next();
                assertThat(totals.getLong("communities")).isEqualTo(2);
                assertThat(totals.getLong("minted_micro")).isEqualTo(20_000_000);
                assertThat(totals.getLong("minted_entries_micro")).isEqualTo(20_000_000);
                assertThat(totals.getLong("debited_micro")).isEqualTo(2_000_000);
                assertThat(totals.getLong("usage_debited_micro")).isEqualTo(2_000_000);
                assertThat(totals.getLong("balance_micro")).isEqualTo(18_000_000);
                assertThat(totals.getLong("negative_lots")).isZero();
            }
            assertThat(strings(statement, "SELECT community_id::text FROM platform.community_totals()"))
                    .containsExactlyInAnyOrder(A, B);
            assertThat(strings(statement, "SELECT invariant FROM platform.violation_counts()")).containsExactly("I-12");
        }
    }

    @Test
    void a_payment_of_no_community_is_invisible_to_every_tenant_and_listed_for_the_admin() throws SQLException {
        try (Connection reader = ledger.readerOf(A); Statement statement = reader.createStatement()) {
            // when / then
            assertThat(strings(statement, "SELECT payment_id FROM ledger.crypto_payments")).doesNotContain("599");
            try (Connection platform = ledger.as("ledger_platform_reader"); Statement admin = platform.createStatement()) {
                assertThat(strings(admin, "SELECT payment_id FROM platform.unassigned_payments(10)")).containsExactly("599");
            }
            statement.execute("SET app.community_id = 'none'");
            assertThat(strings(statement, "SELECT payment_id FROM ledger.crypto_payments")).isEmpty();
        }
    }

    private static void assertSqlState(Statement statement, String sql, String sqlState) {
        assertThatThrownBy(() -> statement.execute(sql)).as(sql).isInstanceOf(SQLException.class)
                .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo(sqlState);
    }

    private static boolean isSuperuser(Statement statement) throws SQLException {
        try (ResultSet rows = statement.executeQuery("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")) {
            return rows.next() && rows.getBoolean(1);
        }
    }

    private static List<String> strings(Statement statement, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
