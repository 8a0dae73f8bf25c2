package dev.ledgerstream.admin;

import static dev.ledgerstream.admin.LedgerScenario.COMMUNITY_A;
import static dev.ledgerstream.admin.LedgerScenario.COMMUNITY_B;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ledgerstream.admin.tenant.TenantReads;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The tenant boundary at the database, under the API: the admin API's login reading as
 * {@code ledger_reader} sees nothing of a tenant it did not set, and a statement that forgets its
 * WHERE clause still sees only the tenant of its transaction. Checked with the API's own
 * {@link TenantReads} and with raw connections of the same login.
 */
class TenantIsolationIT extends AdminApiIT {

    static final List<String> TENANT_TABLES = List.of("ledger.credit_lots", "ledger.lot_entries",
            "ledger.lot_balances", "ledger.usage_events", "ledger.crypto_payments", "ledger.crypto_payment_outcomes",
            "ledger.guard_violations");

    @Autowired
    TenantReads reads;

    @Test
    void a_query_that_forgets_its_where_clause_sees_only_the_tenant_of_its_transaction() {
        // when: no community condition at all
        long asB = reads.inCommunity(UUID.fromString(COMMUNITY_B), connection -> count(connection,
                "SELECT count(*) FROM ledger.usage_events"));
        long asA = reads.inCommunity(UUID.fromString(COMMUNITY_A), connection -> count(connection,
                "SELECT count(*) FROM ledger.usage_events"));

        // then: B has one usage event, A six
        assertThat(asB).isEqualTo(1);
        assertThat(asA).isEqualTo(6);
    }

    @Test
    void another_tenants_rows_are_invisible_in_every_tenant_table_even_when_asked_for_by_id() throws SQLException {
        // given: the owner's view says A has rows in every table
        for (String table : TENANT_TABLES) {
            assertThat(LEDGER.platformLong("SELECT count(*) FROM " + table + " WHERE community_id = '" + COMMUNITY_A
                    + "'")).as(table).isPositive();
        }

        // when / then
        for (String table : TENANT_TABLES) {
            long seen = reads.inCommunity(UUID.fromString(COMMUNITY_B), connection -> count(connection,
                    "SELECT count(*) FROM " + table + " WHERE community_id = '" + COMMUNITY_A + "'"));
            assertThat(seen).as(table).isZero();
        }
    }

    @Test
    void a_query_without_a_tenant_setting_fails_instead_of_reading_anything() throws SQLException {
        // when / then: the platform scope acts as ledger_platform_reader, which may not even look into the
        // ledger's tables, only call the platform functions (V10)
        assertThatThrownBy(() -> reads.platformWide(connection -> count(connection,
                "SELECT count(*) FROM ledger.usage_events")))
                .hasRootCauseInstanceOf(SQLException.class)
                .rootCause().hasMessageContaining("permission denied for schema ledger");
        // and the reader role with no tenant set: app.current_community_id() raises LS001
        try (Connection connection = DriverManager.getConnection(LEDGER.jdbcUrl(), LedgerFixture.API_LOGIN,
                LedgerFixture.API_PASSWORD); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.execute("SET LOCAL ROLE ledger_reader");
            assertThatThrownBy(() -> count(connection, "SELECT count(*) FROM ledger.usage_events"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("app.community_id is not set");
            connection.rollback();
        }
    }

    @Test
    void a_community_admins_read_role_may_not_call_the_platform_functions() throws SQLException {
        // given: the admin API's login acting as ledger_reader, as every community admin's read does
        try (Connection connection = DriverManager.getConnection(LEDGER.jdbcUrl(), LedgerFixture.API_LOGIN,
                LedgerFixture.API_PASSWORD); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.execute("SET LOCAL ROLE ledger_reader; SET LOCAL app.community_id = '" + COMMUNITY_B + "'");

            // when / then: PostgreSQL itself refuses the platform-wide figures
            assertThatThrownBy(() -> count(connection, "SELECT count(*) FROM platform.system_totals()"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
            connection.rollback();

            // and the same login may act as the platform reader, as the admin API does for a platform admin
            statement.execute("SET LOCAL ROLE ledger_platform_reader");
            assertThat(count(connection, "SELECT count(*) FROM platform.system_totals()")).isEqualTo(1);
            connection.rollback();
        }
    }

    @Test
    void the_api_login_on_its_own_connection_reads_nothing_without_a_tenant_and_nothing_of_another_tenant()
            throws SQLException {
        // given: the admin API's login, a plain member of ledger_reader
        try (Connection connection = DriverManager.getConnection(LEDGER.jdbcUrl(), LedgerFixture.API_LOGIN,
                LedgerFixture.API_PASSWORD); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.execute("SET LOCAL ROLE ledger_reader");

            // when / then: no tenant set
            assertThatThrownBy(() -> count(connection, "SELECT count(*) FROM ledger.lot_entries"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("app.community_id is not set");
            connection.rollback();

            // when / then: another tenant set
            statement.execute("SET LOCAL ROLE ledger_reader; SET LOCAL app.community_id = '" + COMMUNITY_B + "'");
            assertThat(count(connection, "SELECT count(*) FROM ledger.lot_entries WHERE community_id = '"
                    + COMMUNITY_A + "'")).isZero();
            assertThat(count(connection, "SELECT count(*) FROM ledger.lot_entries")).isEqualTo(2);
            connection.rollback();
        }
    }

    @Test
    void the_api_login_cannot_read_as_itself_without_the_reader_role() throws SQLException {
        // given: NOINHERIT, so the login's own privileges are the role's only after SET ROLE
        try (Connection connection = DriverManager.getConnection(LEDGER.jdbcUrl(), LedgerFixture.API_LOGIN,
                LedgerFixture.API_PASSWORD)) {
            // when / then
            assertThatThrownBy(() -> count(connection, "SELECT count(*) FROM ledger.usage_events"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
        }
    }

    private static long count(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
