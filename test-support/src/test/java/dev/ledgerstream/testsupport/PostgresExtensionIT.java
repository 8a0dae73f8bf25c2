package dev.ledgerstream.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@WithPostgres
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class PostgresExtensionIT {

    @BeforeAll
    static void createTable(TestDatabase database) throws SQLException {
        execute(database, "CREATE TABLE credit_lots (lot_id TEXT PRIMARY KEY, amount_micro BIGINT NOT NULL)");
        execute(database, "INSERT INTO credit_lots VALUES ('lot-1', 5000000)");
    }

    @Test
    void gives_the_class_its_own_database_over_jdbc(TestDatabase database) throws SQLException {
        // when
        long amountMicro = queryLong(database, "SELECT amount_micro FROM credit_lots WHERE lot_id = 'lot-1'");

        // then
        assertThat(amountMicro).isEqualTo(5_000_000L);
        assertThat(database.name()).startsWith("postgresextensionit_");
    }

    @Test
    void gives_every_test_of_the_class_the_database_that_static_accessors_give(TestDatabase database) {
        // when
        TestDatabase fromAccessor = TestServers.database(PostgresExtensionIT.class);

        // then
        assertThat(fromAccessor).isEqualTo(database);
    }

    @Test
    void gives_another_class_another_database(TestDatabase database, PostgresServer postgres) throws SQLException {
        // given
        TestDatabase other = TestServers.database(KafkaExtensionIT.class);

        // when
        long tables = queryLong(other, "SELECT count(*) FROM information_schema.tables WHERE table_name = 'credit_lots'");

        // then
        assertThat(other.name()).isNotEqualTo(database.name());
        assertThat(other.jdbcUrl()).isEqualTo(postgres.jdbcUrl(other.name()));
        assertThat(tables).isZero();
    }

    @Test
    void comes_back_on_the_same_address_with_its_data_after_an_outage(PostgresServer postgres, TestDatabase database)
            throws SQLException {
        // given
        assumeTrue(postgres.canRestart(), "only the embedded server can be stopped");
        String address = postgres.jdbcUrl();

        // when
        postgres.stop();
        postgres.start();

        // then
        assertThat(postgres.jdbcUrl()).isEqualTo(address);
        assertThat(queryLong(database, "SELECT count(*) FROM credit_lots")).isEqualTo(1L);
    }

    @Test
    void is_the_same_server_for_every_class_of_the_jvm(PostgresServer postgres) {
        // when
        ServerSightings.saw(postgres);

        // then
        assertThat(postgres).isSameAs(TestServers.postgres());
        assertThat(ServerSightings.distinctPostgresServers()).hasSize(1);
    }

    @Nested
    class Nested_classes {

        @Test
        void share_the_database_of_their_enclosing_class(TestDatabase database) {
            // when
            TestDatabase enclosing = TestServers.database(PostgresExtensionIT.class);

            // then
            assertThat(database).isEqualTo(enclosing);
        }
    }

    static void execute(TestDatabase database, String sql) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    static long queryLong(TestDatabase database, String sql) throws SQLException {
        try (Connection connection = database.connect();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
