package dev.ledgerstream.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerstream.schemas.Topics;
import dev.ledgerstream.schemas.ingest.IpnReceived;
import dev.ledgerstream.testsupport.TestServers;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The stream processors as a service: health follows the Streams state; metrics show the guard and
 * Streams. The context is closed after the class: its Streams application would otherwise keep
 * consuming the shared input topics and write a second copy of other tests' ledger records.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class StreamsApplicationIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) throws IOException {
        registry.add("ledgerstream.stream.kafka-bootstrap-servers", () -> TestServers.kafka().bootstrapServers());
        registry.add("ledgerstream.stream.application-id", () -> "streams-app-it-" + UUID.randomUUID());
        registry.add("ledgerstream.stream.state-dir", Files.createTempDirectory("streams-it")::toString);
        registry.add("ledgerstream.stream.create-topics", () -> "true");
    }

    @Test
    void health_turns_up_once_streams_run_and_metrics_count_the_guard_checks() throws Exception {
        // given the instance is running
        awaitHealth("\"state\":\"RUNNING\"");
        assertThat(get("/health").statusCode()).isEqualTo(200);
        assertThat(get("/health/ready").statusCode()).isEqualTo(200);
        // when a payment finishes
        IpnReceived ipn = TestEvents.finished(777_001, "10", UUID.randomUUID().toString(), Instant.now());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(TestServers.kafka().clientConfig(),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.PAYMENTS_IPN.name(), ipn.paymentId(),
                    Topics.PAYMENTS_IPN.valueSerde().toBytes(ipn))).get();
        }
        // then the guard's checks show up in the metrics, next to the Streams client's own
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        double passed = 0;
        String metrics = "";
        while (passed == 0 && System.nanoTime() < deadline) {
            metrics = get("/metrics").body();
            passed = metrics.lines().filter(line -> line.startsWith("conservation_guard_checks_total")
                            && line.contains("result=\"pass\""))
                    .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
            Thread.sleep(250);
        }
        assertThat(passed).isPositive();
        assertThat(metrics).contains("kafka_stream_");
        // the consumers' lag, which the StreamLag alert watches (deploy/prometheus/alerts.yml)
        assertThat(metrics).contains("kafka_consumer_fetch_manager_records_lag_max");
    }

    private void awaitHealth(String fragment) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!get("/health").body().contains(fragment) && System.nanoTime() < deadline) {
            Thread.sleep(250);
        }
        assertThat(get("/health").body()).contains(fragment);
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
