package dev.ledgerstream.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerstream.sink.schema.LedgerMigrations;
import dev.ledgerstream.sink.write.DatabaseSettings;
import dev.ledgerstream.testsupport.TestDatabase;
import dev.ledgerstream.testsupport.TestServers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The admin API as {@link AdminApiIT} runs it, over a second, migrated ledger database that the
 * subclasses fill with rows of their own communities, written straight into the ledger tables as
 * {@code ledger_writer} under each community's scope (the roll-up triggers keep the aggregates as
 * they do for the sink): ledgers the scenario cannot hold, such as sums beyond 64 bits or random
 * workloads. Subclasses share one application context and the database.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        classes = {AdminApplication.class, AdminApiIT.ScenarioClock.class})
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
abstract class SecondLedgerIT {

    static final TestDatabase DATABASE = migrated();

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    int port;

    /** As {@link AdminApiIT}'s settings, on the second database. */
    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        AdminApiIT.settings(registry, DATABASE::jdbcUrl);
    }

    private static TestDatabase migrated() {
        try {
            TestDatabase database = TestServers.postgres().newDatabase("second");
            LedgerMigrations.migrate(new DatabaseSettings(database.jdbcUrl(), database.user(), database.password(),
                    Duration.ofSeconds(5), Duration.ofSeconds(60)), 0, Duration.ofSeconds(1));
            LedgerFixture.createApiLogin(database);
            return database;
        } catch (Exception e) {
            throw new IllegalStateException("could not migrate the second ledger database", e);
        }
    }

    /** Runs {@code sql} (one or more statements) as {@code ledger_writer} in {@code community}'s scope, committed. */
    static void writeAs(String community, String sql) throws Exception {
        try (Connection connection = DATABASE.connect(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.execute("SET LOCAL ROLE ledger_writer; SET LOCAL app.community_id = '" + community + "'");
            statement.execute(sql);
            connection.commit();
        }
    }

    /** A platform admin's GET. */
    HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + AdminApiIT.adminToken()).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The JSON of a platform admin's GET, which must answer 200. */
    JsonNode json(String path) throws Exception {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return AdminApiIT.json(response);
    }
}
