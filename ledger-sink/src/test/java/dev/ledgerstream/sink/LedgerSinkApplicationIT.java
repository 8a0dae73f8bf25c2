package dev.ledgerstream.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ledgerstream.servicekit.MissingSettingException;
import dev.ledgerstream.sink.write.SinkTopics;
import dev.ledgerstream.testsupport.PostgresServer;
import dev.ledgerstream.testsupport.TestDatabase;
import dev.ledgerstream.testsupport.TestServers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The Spring Boot application as an operator runs it: it migrates a fresh database at start-up,
 * writes what arrives, answers health and metrics, commits what it wrote when stopped, and refuses
 * to start without its database.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class LedgerSinkApplicationIT {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void the_application_migrates_writes_reports_and_commits_what_it_wrote_on_shutdown() throws Exception {
        // given a fresh, empty database
        var database = dev.ledgerstream.testsupport.TestServers.postgres().newDatabase("application");
        LedgerDatabase ledger = new LedgerDatabase(database);
        String community = UUID.randomUUID().toString();
        try (SinkHarness harness = new SinkHarness()) {
            ConfigurableApplicationContext application = start(harness, database);
            try {
                String base = "http://localhost:" + application.getEnvironment().getProperty("local.server.port");

                // when
                harness.send(List.of(TestRecords.mint(community, "lot-" + community, "9501", 5_000_000),
                        TestRecords.debit(community, "lot-" + community, "9501", "f-app", 1_000),
                        TestRecords.usage(community, "f-app", "lot-" + community, 1_000)));
                SinkHarness.await("the records in the ledger", Duration.ofSeconds(60),
                        () -> ledger.platformLong("SELECT count(*) FROM ledger.usage_events") == 1);

                // then
                HttpResponse<String> ready = get(base + "/health/ready");
                assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
                assertThat(ready.body()).contains("\"postgres\"", "\"kafka\"", "\"sink\"");
                assertThat(get(base + "/health/live").statusCode()).isEqualTo(200);
                assertThat(get(base + "/health").statusCode()).isEqualTo(200);
                SinkHarness.await("the metrics of the batch", Duration.ofSeconds(10),
                        () -> get(base + "/metrics").body().contains("ledger_sink_rows_written_total{application=\"ledger-sink\",table=\"usage_events\"} 1.0"));
                assertThat(get(base + "/metrics").body()).contains("ledger_sink_batch_duration_seconds_bucket",
                        "ledger_sink_ingest_to_commit_seconds_bucket{application=\"ledger-sink\",table=\"usage_events\"",
                        "ledger_sink_consumer_lag{application=\"ledger-sink\",topic=\"ledger.entries.v1\"}",
                        "ledger_sink_rows_duplicate_total");
            } finally {
                application.close();
            }

            // and after a graceful stop, every offset it read is committed
            assertThat(committed(harness)).isEqualTo(ends(harness));
        }
    }

    @Test
    void while_postgresql_is_down_the_sink_is_alive_but_not_ready() throws Exception {
        // given a running sink on a PostgreSQL that can be stopped
        PostgresServer postgres = TestServers.postgres();
        assumeTrue(postgres.canRestart(), "only the embedded PostgreSQL can be stopped and started");
        var database = postgres.newDatabase("liveness");
        try (SinkHarness harness = new SinkHarness()) {
            ConfigurableApplicationContext application = start(harness, database);
            String base = "http://localhost:" + application.getEnvironment().getProperty("local.server.port");
            try {
                SinkHarness.await("ready", Duration.ofSeconds(30), () -> status(base + "/health/ready") == 200);

                // when PostgreSQL goes away
                postgres.stop();
                try {
                    SinkHarness.await("unready", Duration.ofSeconds(30), () -> status(base + "/health/ready") == 503);

                    // then liveness, which decides whether an orchestrator replaces the task, stays up: the
                    // sink waits the outage out (docs/operations.md)
                    HttpResponse<String> live = get(base + "/health");
                    assertThat(live.statusCode()).as(live.body()).isEqualTo(200);
                    assertThat(status(base + "/health/live")).isEqualTo(200);
                    assertThat(get(base + "/health/ready").body()).contains("\"postgres\"");
                } finally {
                    postgres.start();
                }

                // and it is ready again once PostgreSQL is back
                SinkHarness.await("ready again", Duration.ofSeconds(60), () -> status(base + "/health/ready") == 200);
            } finally {
                application.close();
            }
        }
    }

    /** The application as an operator starts it, on {@code database} and the harness's broker. */
    private static ConfigurableApplicationContext start(SinkHarness harness, TestDatabase database) {
        return new SpringApplicationBuilder(LedgerSinkApplication.class)
                .run("--server.port=0", "--ledgerstream.sink.kafka-bootstrap-servers=" + harness.kafka().bootstrapServers(),
                        "--ledgerstream.sink.database-url=" + database.jdbcUrl(),
                        "--ledgerstream.sink.database-user=" + database.user(),
                        "--ledgerstream.sink.database-password=" + database.password(),
                        "--ledgerstream.sink.group-id=" + harness.settings().groupId(),
                        "--ledgerstream.sink.create-topics=true");
    }

    private int status(String url) {
        try {
            return get(url).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    @Test
    void without_a_database_url_the_application_refuses_to_start_naming_the_variable() {
        // when / then
        assertThatThrownBy(() -> new SpringApplicationBuilder(LedgerSinkApplication.class)
                .run("--server.port=0", "--ledgerstream.sink.database-url="))
                .hasRootCauseInstanceOf(MissingSettingException.class)
                .rootCause().hasMessageStartingWith("DATABASE_URL is not set");
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static Map<TopicPartition, Long> committed(SinkHarness harness) throws Exception {
        try (Admin admin = Admin.create(harness.kafka().clientConfig())) {
            Map<TopicPartition, Long> offsets = new HashMap<>();
            for (Map.Entry<TopicPartition, OffsetAndMetadata> entry : admin.listConsumerGroupOffsets(
                    harness.settings().groupId()).partitionsToOffsetAndMetadata().get().entrySet()) {
                offsets.put(entry.getKey(), entry.getValue().offset());
            }
            return offsets;
        }
    }

    private static Map<TopicPartition, Long> ends(SinkHarness harness) throws Exception {
        try (Admin admin = Admin.create(harness.kafka().clientConfig())) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(SinkTopics.subscribed()).allTopicNames().get().values().forEach(topic ->
                    topic.partitions().forEach(partition ->
                            latest.put(new TopicPartition(topic.name(), partition.partition()), OffsetSpec.latest())));
            Map<TopicPartition, Long> offsets = new HashMap<>();
            admin.listOffsets(latest).all().get().forEach((partition, end) -> offsets.put(partition, end.offset()));
            return offsets;
        }
    }
}
