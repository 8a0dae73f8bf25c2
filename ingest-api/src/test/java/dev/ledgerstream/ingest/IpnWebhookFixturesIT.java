package dev.ledgerstream.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerstream.schemas.Topics;
import dev.ledgerstream.schemas.ingest.IpnQuarantined;
import dev.ledgerstream.schemas.ingest.IpnReceived;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

    static Stream<Path> fixtures() throws IOException {
        Path dir = FixtureFiles.nowpaymentsDirectory();
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(path -> path.getFileName().toString().matches("\\d\\d-.*\\.json")).sorted().toList();
        }
        assertThat(files).as("fixtures in " + dir).hasSize(16);
        return files.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void every_fixture_gets_exactly_its_expected_answer(Path file) {
        // given
        JsonNode fixture = read(file);
        assertThat(fixture.get("secret").asString()).isEqualTo(IPN_SECRET);
        // when
        HttpResponse<String> response = send(fixture);
        // then
        JsonNode expect = fixture.get("expect");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expect.get("status").asInt());
        if (response.statusCode() == 200) {
            JsonNode answer = json(response);
            assertThat(answer.get("accepted").asBoolean()).isTrue();
            if (expect.has("event_id")) {
                assertThat(answer.get("event_id").asString()).isEqualTo(expect.get("event_id").asString());
            }
        } else {
            assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(json(response).get("status").asInt()).isEqualTo(response.statusCode());
            assertThat(response.body()).doesNotContain("Exception", "at dev.", "at org.");
        }
    }

    @Test
    void accepted_notifications_travel_on_the_topic_in_their_canonical_form() throws IOException {
        // given every fixture the endpoint accepts, sent again (re-sending is harmless)
        Map<String, String> canonicalByEventId = new HashMap<>();
        String quarantinedEventId = null;
        for (Path file : fixtures().toList()) {
            JsonNode fixture = read(file);
            JsonNode expect = fixture.get("expect");
            if (expect.get("status").asInt() != 200) {
                continue;
            }
            // when
            JsonNode answer = json(send(fixture));
            // then
            assertThat(answer.get("event_id").asString()).isEqualTo(expect.get("event_id").asString());
            if (answer.has("quarantined")) {
                assertThat(answer.get("reason").asString()).startsWith("unknown_status");
                quarantinedEventId = answer.get("event_id").asString();
            } else {
                canonicalByEventId.put(expect.get("event_id").asString(), expect.get("canonical").asString());
            }
        }
        Set<String> missing = new HashSet<>(canonicalByEventId.keySet());
        List<ConsumerRecord<String, IpnReceived>> records = TopicReader.readUntil(Topics.PAYMENTS_IPN, ipn -> {
            missing.remove(ipn.eventId());
            return missing.isEmpty();
        });
        for (ConsumerRecord<String, IpnReceived> record : records) {
            String expected = canonicalByEventId.get(record.value().eventId());
            if (expected != null) {
                assertThat(record.value().canonical()).isEqualTo(expected);
                assertThat(record.key()).isEqualTo("5524759814").isEqualTo(record.value().paymentId());
            }
        }
        String quarantined = quarantinedEventId;
        List<ConsumerRecord<String, IpnQuarantined>> held = TopicReader.readUntil(Topics.PAYMENTS_IPN_QUARANTINE,
                record -> record.eventId().equals(quarantined));
        assertThat(held.get(held.size() - 1).value().reason()).isEqualTo("unknown_status: teleported");
    }

    @Test
    void the_docs_sample_signature_is_recorded_as_such() {
        JsonNode fixture = read(FixtureFiles.nowpaymentsDirectory().resolve("04-docs-sample-array-form.json"));
        String eventId = json(send(fixture)).get("event_id").asString();
        List<ConsumerRecord<String, IpnReceived>> records = TopicReader.readUntil(Topics.PAYMENTS_IPN,
                ipn -> ipn.eventId().equals(eventId) && ipn.signatureForm().equals("docs_sample"));
        assertThat(records).isNotEmpty();
    }

    private HttpResponse<String> send(JsonNode fixture) {
        Map<String, String> headers = new HashMap<>();
        fixture.get("headers").properties().forEach(header -> headers.put(header.getKey(), header.getValue().asString()));
        return post("/api/crypto/webhook", fixture.get("body").asString().getBytes(StandardCharsets.UTF_8), headers);
    }

    private static JsonNode read(Path file) {
        try {
            return JSON.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
