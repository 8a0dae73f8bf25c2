package dev.ledgerstream.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ledgerstream.schemas.Topics;
import dev.ledgerstream.schemas.ingest.UsageFinalizationReceived;
import dev.ledgerstream.testsupport.KafkaServer;
import dev.ledgerstream.testsupport.TestServers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A broker outage under load: requests get a 503 with Retry-After within the bound instead of
 * hanging, readiness turns DOWN, and once the broker is back every acknowledged event is on the
 * topic exactly once.
 */
class KafkaOutageIT extends IngestApiIT {

    private final KafkaServer kafka = TestServers.kafka();

    @AfterEach
    void brokerIsBack() {
        if (!kafka.isRunning()) {
            kafka.start();
        }
    }

    @Test
    void acknowledged_events_survive_a_broker_outage_exactly_once() throws Exception {
        assumeTrue(kafka.canRestart(), "needs the embedded broker, which a test may stop");
        // given a publisher sending events one after another
        String community = UUID.randomUUID().toString();
        List<String> acknowledged = new ArrayList<>();
        List<Long> refusalMillis = new ArrayList<>();
        AtomicBoolean sending = new AtomicBoolean(true);
        Thread publisher = new Thread(() -> {
            for (int i = 0; sending.get(); i++) {
                String id = "outage-" + community + "-" + i;
                long started = System.nanoTime();
                HttpResponse<String> response = post("/api/v1/usage/finalizations",
                        UsageEndpointIT.event(id, community, "1").getBytes(StandardCharsets.UTF_8),
                        Map.of("content-type", "application/json", "authorization", "Bearer " + validToken()));
                long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
                synchronized (acknowledged) {
                    if (response.statusCode() == 202) {
                        acknowledged.add(id);
                    } else {
                        assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
                        assertThat(response.headers().firstValue("retry-after")).isPresent();
                        refusalMillis.add(millis);
                    }
                }
            }
        });
        publisher.start();
        Thread.sleep(1_000);

        // when the broker goes away for a while and comes back
        kafka.stop();
        Thread.sleep(1_000);
        HttpResponse<String> readyDuringOutage = get("/health/ready");
        Thread.sleep(4_000);
        kafka.start();
        Thread.sleep(4_000);
        sending.set(false);
        publisher.join(30_000);

        // then refusals were prompt, readiness told the truth, and nothing acknowledged is missing or doubled
        assertThat(readyDuringOutage.statusCode()).isEqualTo(503);
        assertThat(refusalMillis).as("requests refused during the outage").isNotEmpty()
                .allSatisfy(millis -> assertThat(millis).isLessThan(5_000));
        assertThat(acknowledged).isNotEmpty();
        String marker = "marker-" + UUID.randomUUID();
        assertThat(post("/api/v1/usage/finalizations",
                UsageEndpointIT.event(marker, community, "1").getBytes(StandardCharsets.UTF_8),
                Map.of("content-type", "application/json", "authorization", "Bearer " + validToken()))
                .statusCode()).isEqualTo(202);
        Map<String, Integer> copies = new HashMap<>();
        for (ConsumerRecord<String, UsageFinalizationReceived> record : TopicReader.readUntil(
                Topics.USAGE_FINALIZATIONS, usage -> usage.finalizationId().equals(marker))) {
            copies.merge(record.value().finalizationId(), 1, Integer::sum);
        }
        for (String id : acknowledged) {
            assertThat(copies.get(id)).as("copies of acknowledged " + id).isEqualTo(1);
        }
        assertThat(get("/health/ready").statusCode()).isEqualTo(200);
    }

    @Test
    void an_ipn_during_an_outage_is_refused_with_retry_after_not_hung() throws Exception {
        assumeTrue(kafka.canRestart(), "needs the embedded broker, which a test may stop");
        // given
        kafka.stop();
        byte[] body = "{\"payment_id\":1}".getBytes(StandardCharsets.UTF_8);
        // when: the signature is wrong, so this is answered without Kafka...
        HttpResponse<String> unsigned = post("/api/crypto/webhook", body, Map.of("content-type", "application/json",
                "x-nowpayments-sig", "0".repeat(128)));
        // then
        assertThat(unsigned.statusCode()).isEqualTo(401);
        assertThat(get("/health").statusCode()).isEqualTo(200);
    }
}
