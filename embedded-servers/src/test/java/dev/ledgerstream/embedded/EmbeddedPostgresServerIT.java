package dev.ledgerstream.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class EmbeddedPostgresServerIT {

    @TempDir
    Path dataDirectory;

    private final List<EmbeddedPostgresServer> servers = new ArrayList<>();

    @AfterEach
    void stopServers() {
        servers.forEach(EmbeddedPostgresServer::close);
    }

    @Test
    void keeps_tables_and_rows_across_a_restart_on_the_same_folder_and_port() throws SQLException {
        // given
        EmbeddedPostgresServer server = started(EmbeddedPostgresServer.builder(dataDirectory).build());
        server.createDatabase("ledger");
        String jdbcUrl = server.jdbcUrl("ledger");
        execute(server, jdbcUrl, "CREATE TABLE credit_lots (lot_id TEXT PRIMARY KEY, amount_micro BIGINT NOT NULL)");
        execute(server, jdbcUrl, "INSERT INTO credit_lots VALUES ('lot-1', 10500000)");

        // when
        server.stop();
        server.start();

        // then
        assertThat(server.jdbcUrl("ledger")).isEqualTo(jdbcUrl);
        assertThat(queryLong(server, jdbcUrl, "SELECT amount_micro FROM credit_lots WHERE lot_id = 'lot-1'"))
                .isEqualTo(10_500_000L);
    }

    @Test
    void reopens_a_data_directory_left_by_another_server_instance() throws SQLException {
        // given
        EmbeddedPostgresServer first = started(EmbeddedPostgresServer.builder(dataDirectory).build());
        first.createDatabase("ledger");
        execute(first, first.jdbcUrl("ledger"), "CREATE TABLE usage_events (amount_micro BIGINT NOT NULL)");
        execute(first, first.jdbcUrl("ledger"), "INSERT INTO usage_events VALUES (42)");
        first.stop();

        // when
        EmbeddedPostgresServer second = started(EmbeddedPostgresServer.builder(dataDirectory).build());

        // then
        assertThat(queryLong(second, second.jdbcUrl("ledger"), "SELECT sum(amount_micro) FROM usage_events")).isEqualTo(42L);
    }

    @Test
    void creating_a_database_twice_keeps_the_first_one() throws SQLException {
        // given
        EmbeddedPostgresServer server = started(EmbeddedPostgresServer.builder(dataDirectory).build());
        server.createDatabase("twice");
        execute(server, server.jdbcUrl("twice"), "CREATE TABLE marker (id INT)");

        // when
        server.createDatabase("twice");

        // then
        assertThat(queryLong(server, server.jdbcUrl("twice"), "SELECT count(*) FROM marker")).isZero();
    }

    @Test
    void listens_on_the_loopback_address_only() throws SQLException {
        // given
        EmbeddedPostgresServer server = started(EmbeddedPostgresServer.builder(dataDirectory).build());

        // when
        String listenAddresses = show(server, "listen_addresses");

        // then
        assertThat(listenAddresses).isEqualTo("127.0.0.1");
        assertThat(server.jdbcUrl("postgres")).startsWith("jdbc:postgresql://127.0.0.1:");
    }

    @Test
    void makes_commits_durable_unless_told_otherwise() throws SQLException {
        // given
        EmbeddedPostgresServer durable = started(EmbeddedPostgresServer.builder(dataDirectory.resolve("durable")).build());
        EmbeddedPostgresServer relaxed = started(EmbeddedPostgresServer.builder(dataDirectory.resolve("relaxed"))
                .serverConfig("fsync", "off")
                .build());

        // when
        String durableFsync = show(durable, "fsync");
        String durableCommit = show(durable, "synchronous_commit");
        String relaxedFsync = show(relaxed, "fsync");

        // then
        assertThat(durableFsync).isEqualTo("on");
        assertThat(durableCommit).isEqualTo("on");
        assertThat(relaxedFsync).isEqualTo("off");
    }

    private static String show(EmbeddedPostgresServer server, String setting) throws SQLException {
        try (Connection connection = connect(server, server.jdbcUrl("postgres"));
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SHOW " + setting)) {
            rows.next();
            return rows.getString(1);
        }
    }

    private EmbeddedPostgresServer started(EmbeddedPostgresServer server) {
        servers.add(server);
        server.start();
        return server;
    }

    private static Connection connect(EmbeddedPostgresServer server, String jdbcUrl) throws SQLException {
        return DriverManager.getConnection(jdbcUrl, server.superuser(), server.superuserPassword());
    }

    private static void execute(EmbeddedPostgresServer server, String jdbcUrl, String sql) throws SQLException {
        try (Connection connection = connect(server, jdbcUrl); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static long queryLong(EmbeddedPostgresServer server, String jdbcUrl, String sql) throws SQLException {
        try (Connection connection = connect(server, jdbcUrl);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
