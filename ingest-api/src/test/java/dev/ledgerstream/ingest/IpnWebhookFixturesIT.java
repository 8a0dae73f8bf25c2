package dev.ledgerstream.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerstream.ingest.payment.IpnVerifierTest;
import dev.ledgerstream.ingest.payment.NowPaymentsFixtures;
import dev.ledgerstream.ingest.payment.NowPaymentsFixtures.Fixture;
import dev.ledgerstream.schemas.LedgerJson;
import dev.ledgerstream.schemas.Topics;
import dev.ledgerstream.schemas.ingest.IpnQuarantined;
import dev.ledgerstream.schemas.ingest.IpnReceived;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * The 16 signed NOWPayments requests of {@code shared/fixtures/nowpayments} through the real HTTP
 * endpoint: each gets exactly its expected status, canonical form and event_id, and what was
 * accepted is what is on the topic.
 */
class IpnWebhookFixturesIT extends IngestApiIT {

    static Stream<Fixture> fixtures() {
        List<Fixture> all = NowPaymentsFixtures.all().toList();
        assertThat(all).as("fixtures in " + NowPaymentsFixtures.directory()).hasSize(16);
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void every_fixture_gets_exactly_its_expected_answer(Fixture fixture) {
        // given
        assertThat(fixture.secret()).isEqualTo(IPN_SECRET);
        // when
        HttpResponse<String> response = send(fixture);
        // then
        assertThat(response.statusCode()).as(response.body()).isEqualTo(fixture.status());
        if (response.statusCode() == 200) {
            JsonNode answer = json(response);
            assertThat(answer.get("accepted").asBoolean()).isTrue();
            if (fixture.eventId() != null) {
                assertThat(answer.get("event_id").asString()).isEqualTo(fixture.eventId());
            }
        } else {
            assertThat(response.headers().firstValue("content-type")).hasValue("application/problem+json");
            assertThat(json(response).get("status").asInt()).isEqualTo(response.statusCode());
            assertThat(response.body()).doesNotContain("Exception", "at dev.", "at org.");
        }
    }

    @Test
    void accepted_notifications_travel_on_the_topic_in_their_canonical_form() {
        // given every fixture the endpoint accepts, sent (again: re-sending is harmless)
        Map<String, String> canonicalByEventId = new HashMap<>();
        String quarantinedEventId = null;
        for (Fixture fixture : fixtures().filter(fixture -> fixture.status() == 200).toList()) {
            // when
            JsonNode answer = json(send(fixture));
            // then
            assertThat(answer.get("event_id").asString()).isEqualTo(fixture.eventId());
            if (answer.has("quarantined")) {
                assertThat(answer.get("quarantined").asBoolean()).isTrue();
                assertThat(answer.get("reason").asString()).isEqualTo("unknown_status: teleported");
                quarantinedEventId = fixture.eventId();
            } else {
                canonicalByEventId.put(fixture.eventId(), fixture.canonical());
            }
        }
        Set<String> missing = new HashSet<>(canonicalByEventId.keySet());
        List<ConsumerRecord<String, IpnReceived>> records = TopicReader.readUntil(Topics.PAYMENTS_IPN, ipn -> {
            missing.remove(ipn.eventId());
            return missing.isEmpty();
        });
        assertThat(records).filteredOn(record -> canonicalByEventId.containsKey(record.value().eventId()))
                .isNotEmpty()
                .allSatisfy(record -> {
                    assertThat(record.value().canonical()).isEqualTo(canonicalByEventId.get(record.value().eventId()));
                    // keyed by the community the order names, so that its payments and usage meet in one task
                    String orderId = LedgerJson.mapper().readTree(record.value().canonical()).get("order_id").asString();
                    assertThat(record.key()).isEqualTo(IpnReceived.topicKey(orderId, record.value().paymentId()))
                            .isEqualTo("3f1c2b9e-8d4a-4c6b-9e2f-1a7d5c3b8e60");
                });

        String quarantined = quarantinedEventId;
        List<ConsumerRecord<String, IpnQuarantined>> held = TopicReader.readUntil(Topics.PAYMENTS_IPN_QUARANTINE,
                record -> record.eventId().equals(quarantined));
        IpnQuarantined last = held.get(held.size() - 1).value();
        assertThat(last.reason()).isEqualTo("unknown_status: teleported");
        assertThat(last.paymentId()).isEqualTo("5524759814");
        assertThat(registryCount("ingest_ipn_quarantined_total")).isPositive();
    }

    @Test
    void a_dry_run_verifies_the_signature_and_records_nothing() throws Exception {
        // given a notification no other test sends, and one sent for real after it
        long payment = java.util.concurrent.ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_000_000_000L);
        String dry = "{\"order_id\":\"dry-run\",\"payment_id\":" + payment
                + ",\"payment_status\":\"waiting\",\"price_amount\":5,\"price_currency\":\"usd\"}";
        String real = dry.replace("\"payment_id\":" + payment, "\"payment_id\":" + (payment + 1));
        String signature = IpnVerifierTest.sign(IPN_SECRET, dry);

        // when
        HttpResponse<String> verified = post("/api/crypto/webhook", dry.getBytes(StandardCharsets.UTF_8),
                Map.of("content-type", "application/json", "x-nowpayments-sig", signature, "x-ledgerstream-dry-run", "true"));
        HttpResponse<String> forged = post("/api/crypto/webhook", dry.getBytes(StandardCharsets.UTF_8),
                Map.of("content-type", "application/json", "x-nowpayments-sig", IpnVerifierTest.sign("wrong", dry),
                        "x-ledgerstream-dry-run", "true"));
        HttpResponse<String> sent = post("/api/crypto/webhook", real.getBytes(StandardCharsets.UTF_8),
                Map.of("content-type", "application/json", "x-nowpayments-sig", IpnVerifierTest.sign(IPN_SECRET, real)));

        // then
        assertThat(verified.statusCode()).isEqualTo(200);
        assertThat(json(verified).get("dry_run").asBoolean()).isTrue();
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(sent.statusCode()).isEqualTo(200);
        String dryEventId = json(verified).get("event_id").asString();
        String realEventId = json(sent).get("event_id").asString();
        assertThat(TopicReader.readUntil(Topics.PAYMENTS_IPN, ipn -> ipn.eventId().equals(realEventId)))
                .noneMatch(record -> record.value().eventId().equals(dryEventId));
    }

    @Test
    void the_docs_sample_signature_is_recorded_as_such() {
        String eventId = json(send(NowPaymentsFixtures.named("04-"))).get("event_id").asString();
        List<ConsumerRecord<String, IpnReceived>> records = TopicReader.readUntil(Topics.PAYMENTS_IPN,
                ipn -> ipn.eventId().equals(eventId) && ipn.signatureForm().equals("docs_sample"));
        assertThat(records).isNotEmpty();
    }

    @Test
    void health_readiness_and_metrics_answer() {
        assertThat(get("/health").statusCode()).isEqualTo(200);
        assertThat(get("/health/ready").statusCode()).isEqualTo(200);
        send(NowPaymentsFixtures.named("01-"));
        HttpResponse<String> metrics = get("/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("ingest_requests_seconds_bucket", "endpoint=\"/api/crypto/webhook\"",
                "ingest_events_accepted_total");
    }

    private double registryCount(String name) {
        return get("/metrics").body().lines().filter(line -> line.startsWith(name))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    private HttpResponse<String> send(Fixture fixture) {
        return post("/api/crypto/webhook", fixture.body(), fixture.headers());
    }
}
