package dev.ledgerstream.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.ledgerstream.jwt.testing.JwksTestServer;
import dev.ledgerstream.jwt.testing.TestKeys;
import dev.ledgerstream.jwt.testing.TestTokens;
import dev.ledgerstream.schemas.Topics;
import dev.ledgerstream.schemas.ingest.UsageFinalizationReceived;
import dev.ledgerstream.testsupport.TestServers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code POST /api/v1/usage/finalizations} over HTTP against a real broker and a real JWKS: every
 * token attack is refused and produces nothing; batches are all or nothing; what is accepted is
 * exactly what lands on {@code usage.finalizations.v1}.
 */
class UsageEndpointIT extends IngestApiIT {

    static final String PATH = "/api/v1/usage/finalizations";
    static final ECKey ATTACKER_KEY = TestKeys.ecP256("publisher-1");

    static String event(String finalizationId, String communityId, String amountMicro) {
        return """
                {"finalization_id":"%s","community_id":"%s","pool_id":"cheap","nft_id":"nft-7",
                 "tokens_input":1200,"tokens_output":340,"amount_micro":%s,"reservation_id":"res-1",
                 "reserved_micro":"900000","occurred_at":"2026-11-22T10:15:30.5+01:00"}"""
                .formatted(finalizationId, communityId, amountMicro);
    }

    HttpResponse<String> postUsage(String token, String body) {
        return post(PATH, body.getBytes(StandardCharsets.UTF_8),
                Map.of("content-type", "application/json", "authorization", "Bearer " + token));
    }

    /** Sends a valid marker for {@code community}, then reads the topic up to it. */
    List<UsageFinalizationReceived> recordsUpToMarker(String community) {
        String marker = "marker-" + UUID.randomUUID();
        assertThat(postUsage(validToken(), event(marker, community, "1")).statusCode()).isEqualTo(202);
        return TopicReader.readUntil(Topics.USAGE_FINALIZATIONS, usage -> usage.finalizationId().equals(marker))
                .stream().map(ConsumerRecord::value).toList();
    }

    @Test
    void a_single_event_is_acknowledged_and_lands_on_the_topic_exactly_as_sent() {
        // given
        String community = UUID.randomUUID().toString();
        String id = "fin-" + UUID.randomUUID();
        // when
        HttpResponse<String> response = postUsage(validToken(), event(id, community, "\"850000\""));
        // then
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(json(response).get("accepted").asInt()).isEqualTo(1);
        List<ConsumerRecord<String, UsageFinalizationReceived>> records =
                TopicReader.readUntil(Topics.USAGE_FINALIZATIONS, usage -> usage.finalizationId().equals(id));
        ConsumerRecord<String, UsageFinalizationReceived> record = records.get(records.size() - 1);
        assertThat(record.key()).isEqualTo(community);
        UsageFinalizationReceived usage = record.value();
        assertThat(usage.communityId()).isEqualTo(community);
        assertThat(usage.poolId()).isEqualTo("cheap");
        assertThat(usage.nftId()).isEqualTo("nft-7");
        assertThat(usage.tokensInput()).isEqualTo(1200);
        assertThat(usage.tokensOutput()).isEqualTo(340);
        assertThat(usage.amountMicro()).isEqualTo(850_000);
        assertThat(usage.reservedMicro()).isEqualTo(900_000);
        assertThat(usage.reservationId()).isEqualTo("res-1");
        assertThat(usage.occurredAt()).isEqualTo(Instant.parse("2026-11-22T09:15:30.5Z"));
        assertThat(usage.publisher()).isEqualTo("test-subject");
    }

    @Test
    void a_batch_is_accepted_whole_and_keyed_by_community() {
        // given
        String community = UUID.randomUUID().toString();
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            events.add(event("batch-" + community + "-" + i, community, Long.toString(i)));
        }
        // when
        HttpResponse<String> response = postUsage(validToken(), "{\"events\":[" + String.join(",", events) + "]}");
        // then
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(json(response).get("accepted").asInt()).isEqualTo(100);
        List<UsageFinalizationReceived> ours = recordsUpToMarker(community).stream()
                .filter(usage -> usage.finalizationId().startsWith("batch-" + community)).toList();
        assertThat(ours).hasSize(100);
        assertThat(ours).extracting(UsageFinalizationReceived::amountMicro)
                .containsExactlyElementsOf(java.util.stream.LongStream.range(0, 100).boxed().toList());
    }

    @Test
    void a_batch_with_one_bad_event_is_refused_whole_and_nothing_reaches_the_topic() {
        // given
        String community = UUID.randomUUID().toString();
        String good = event("good-" + community, community, "5");
        String overReserved = event("bad-" + community, community, "900001");
        String badFields = """
                {"finalization_id":"has space","community_id":"nope","pool_id":"","tokens_input":-1,
                 "tokens_output":1.5,"amount_micro":"9223372036854775808","occurred_at":"yesterday","extra":1}""";
        // when
        HttpResponse<String> response = postUsage(validToken(),
                "{\"events\":[" + good + "," + overReserved + "," + badFields + "]}");
        // then
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/problem+json");
        assertThat(json(response).get("errors").valueStream().map(error -> error.get("pointer").asString()))
                .contains("/events/1/amount_micro", "/events/2/finalization_id", "/events/2/community_id",
                        "/events/2/pool_id", "/events/2/tokens_input", "/events/2/tokens_output",
                        "/events/2/amount_micro", "/events/2/occurred_at", "/events/2/extra")
                .noneMatch(pointer -> pointer.startsWith("/events/0"));
        assertThat(recordsUpToMarker(community)).noneMatch(usage -> usage.communityId().equals(community)
                && !usage.finalizationId().startsWith("marker-"));
    }

    @Test
    void an_amount_above_the_per_event_limit_is_refused_and_one_at_the_limit_is_accepted() {
        // given: the default limit, 10^12 micro-credits (usage-max-amount-micro)
        String community = UUID.randomUUID().toString();
        String atLimit = event("at-limit-" + community, community, "\"1000000000000\"")
                .replace("\"reserved_micro\":\"900000\",", "");
        String aboveLimit = event("above-limit-" + community, community, "9223372036854775807")
                .replace("\"reserved_micro\":\"900000\",", "");

        // when
        HttpResponse<String> refused = postUsage(validToken(), aboveLimit);
        HttpResponse<String> accepted = postUsage(validToken(), atLimit);

        // then
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(json(refused).get("errors").valueStream().map(error -> error.get("pointer").asString() + " "
                + error.get("message").asString()))
                .containsExactly("/amount_micro must be at most 1000000000000 micro-credits for one event");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        assertThat(recordsUpToMarker(community)).filteredOn(usage -> usage.communityId().equals(community)
                        && !usage.finalizationId().startsWith("marker-"))
                .extracting(UsageFinalizationReceived::finalizationId, UsageFinalizationReceived::amountMicro)
                .containsExactly(tuple("at-limit-" + community, 1_000_000_000_000L));
    }

    @Test
    void control_characters_and_times_outside_the_window_are_refused_whole_and_reach_nothing() {
        // given: a NUL, an ESC and a C1 control in the three free-text fields (JSON escapes), and
        // occurred_at before 2000 and more than 7 days ahead
        String community = UUID.randomUUID().toString();
        String base = event("ctl-" + community, community, "5");
        String nul = base.replace("\"pool_id\":\"cheap\"", "\"pool_id\":\"che\\u0000ap\"");
        String escape = base.replace("\"nft_id\":\"nft-7\"", "\"nft_id\":\"nft\\u001b7\"");
        String c1 = base.replace("\"reservation_id\":\"res-1\"", "\"reservation_id\":\"res\\u00851\"");
        String early = base.replace("2026-11-22T10:15:30.5+01:00", "1999-12-31T23:59:59Z");
        String ahead = base.replace("2026-11-22T10:15:30.5+01:00", Instant.now().plus(Duration.ofDays(8)).toString());
        // when
        HttpResponse<String> response = postUsage(validToken(),
                "{\"events\":[" + String.join(",", nul, escape, c1, early, ahead) + "]}");
        HttpResponse<String> sixDaysAhead = postUsage(validToken(), event("ahead-" + community, community, "5")
                .replace("2026-11-22T10:15:30.5+01:00", Instant.now().plus(Duration.ofDays(6)).toString()));
        // then
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/problem+json");
        assertThat(json(response).get("errors").valueStream().map(error -> error.get("pointer").asString()))
                .containsExactly("/events/0/pool_id", "/events/1/nft_id", "/events/2/reservation_id",
                        "/events/3/occurred_at", "/events/4/occurred_at");
        assertThat(sixDaysAhead.statusCode()).as(sixDaysAhead.body()).isEqualTo(202);
        assertThat(recordsUpToMarker(community)).extracting(UsageFinalizationReceived::finalizationId)
                .noneMatch(id -> id.startsWith("ctl-")).anyMatch(id -> id.startsWith("ahead-"));
    }

    @Test
    void a_batch_kafka_takes_only_in_part_is_answered_503_and_none_of_it_becomes_visible() throws Exception {
        // given two communities on different partitions, and a partition limit that one event of the batch exceeds
        int partitions = Topics.USAGE_FINALIZATIONS.partitions();
        String small = UUID.randomUUID().toString();
        String large = UUID.randomUUID().toString();
        while (partitionOf(large, partitions) == partitionOf(small, partitions)) {
            large = UUID.randomUUID().toString();
        }
        String smallId = "part-" + small;
        String largeEvent = event("x".repeat(128), large, "5").replace("\"nft-7\"", "\"" + "n".repeat(128) + "\"")
                .replace("\"res-1\"", "\"" + "r".repeat(128) + "\"");
        try (Admin admin = Admin.create(TestServers.kafka().clientConfig())) {
            try {
                setMaxMessageBytes(admin, "700");
                awaitStatus(largeEvent.replace("x".repeat(128), "probe-" + UUID.randomUUID()), 503);
                // when
                HttpResponse<String> response = postUsage(validToken(),
                        "{\"events\":[" + event(smallId, small, "5") + "," + largeEvent + "]}");
                // then
                assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
                assertThat(response.headers().firstValue("retry-after")).isPresent();
            } finally {
                setMaxMessageBytes(admin, null);
                awaitStatus(largeEvent.replace("x".repeat(128), "probe-" + UUID.randomUUID()), 202);
            }
        }
        // and the part Kafka took was aborted with the rest: read_committed readers never see it
        assertThat(recordsUpToMarker(small)).extracting(UsageFinalizationReceived::finalizationId)
                .doesNotContain(smallId);
    }

    private static int partitionOf(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    /** Sets (or, with null, removes) max.message.bytes of the usage topic. */
    private static void setMaxMessageBytes(Admin admin, String value) throws Exception {
        ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, Topics.USAGE_FINALIZATIONS.name());
        AlterConfigOp op = value == null
                ? new AlterConfigOp(new ConfigEntry("max.message.bytes", ""), AlterConfigOp.OpType.DELETE)
                : new AlterConfigOp(new ConfigEntry("max.message.bytes", value), AlterConfigOp.OpType.SET);
        admin.incrementalAlterConfigs(Map.of(topic, List.of(op))).all().get(30, TimeUnit.SECONDS);
    }

    /** Posts the single event until it gets {@code status}: the broker applies a topic setting a moment later. */
    private void awaitStatus(String singleEvent, int status) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        int last = postUsage(validToken(), singleEvent).statusCode();
        while (last != status && System.nanoTime() < deadline) {
            Thread.sleep(200);
            last = postUsage(validToken(), singleEvent).statusCode();
        }
        assertThat(last).isEqualTo(status);
    }

    @Test
    void malformed_oversized_and_mistyped_bodies_get_clear_problems() {
        String token = validToken();
        String community = UUID.randomUUID().toString();
        String tooMany = "{\"events\":[" + String.join(",",
                java.util.Collections.nCopies(1001, event("x", community, "1"))) + "]}";
        byte[] oversized = ("{\"events\":[" + "1,".repeat(600_000) + "1]}").getBytes(StandardCharsets.UTF_8);

        assertThat(postUsage(token, "{\"finalization_id\":").statusCode()).isEqualTo(400);
        assertThat(postUsage(token, "{\"a\":1,\"a\":2}").statusCode()).isEqualTo(400);
        assertThat(postUsage(token, "[]").statusCode()).isEqualTo(400);
        assertThat(postUsage(token, "{\"events\":[]}").statusCode()).isEqualTo(400);
        assertThat(postUsage(token, tooMany).statusCode()).isEqualTo(400);
        assertThat(post(PATH, oversized, Map.of("content-type", "application/json", "authorization", "Bearer " + token))
                .statusCode()).isEqualTo(413);
        HttpResponse<String> wrongType = post(PATH, "{}".getBytes(StandardCharsets.UTF_8),
                Map.of("content-type", "text/plain", "authorization", "Bearer " + token));
        assertThat(wrongType.statusCode()).isEqualTo(415);
        assertThat(wrongType.headers().firstValue("content-type")).hasValue("application/problem+json");
    }

    static Stream<Arguments> refusedTokens() {
        Instant now = Instant.now();
        Function<JWTClaimsSet.Builder, String> sign = claims -> TestTokens.es256(PUBLISHER_KEY, claims.build());
        return Stream.of(
                Arguments.of("alg none", TestTokens.unsigned(usageClaims().build()), 401),
                Arguments.of("HS256 keyed with the public key",
                        TestTokens.hs256WithPublicKeyBytes(PUBLISHER_KEY, usageClaims().build()), 401),
                Arguments.of("RS256", TestTokens.rs256(TestKeys.rsa2048("publisher-1"), usageClaims().build()), 401),
                Arguments.of("a key not in the JWKS (same kid)", TestTokens.es256(ATTACKER_KEY, usageClaims().build()), 401),
                Arguments.of("a key not in the JWKS (unknown kid)",
                        TestTokens.es256(TestKeys.ecP256("stranger"), usageClaims().build()), 401),
                Arguments.of("expired", sign.apply(usageClaims()
                        .issueTime(Date.from(now.minusSeconds(120))).expirationTime(Date.from(now.minusSeconds(60)))), 401),
                Arguments.of("nbf in the future", sign.apply(usageClaims().notBeforeTime(Date.from(now.plusSeconds(60)))), 401),
                Arguments.of("lifetime over 300 s", sign.apply(usageClaims()
                        .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(301)))), 401),
                Arguments.of("wrong iss", sign.apply(usageClaims().issuer("https://elsewhere.test")), 401),
                Arguments.of("wrong aud", sign.apply(usageClaims().audience("another-service")), 401),
                Arguments.of("oversized token", sign.apply(usageClaims().claim("padding", "x".repeat(9_000))), 401),
                Arguments.of("garbage", "not.a.token", 401),
                Arguments.of("missing scope", sign.apply(usageClaims().claim("scope", "usage:read")), 403));
    }

    @ParameterizedTest(name = "{0} → {2}")
    @MethodSource("refusedTokens")
    void a_refused_token_produces_nothing(String attack, String token, int status) {
        // given
        String community = UUID.randomUUID().toString();
        // when
        HttpResponse<String> response = postUsage(token, event("attack-" + community, community, "1"));
        // then
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/problem+json");
        assertThat(recordsUpToMarker(community)).noneMatch(usage -> usage.finalizationId().startsWith("attack-"));
    }

    @Test
    void a_request_without_a_bearer_token_is_401() {
        HttpResponse<String> response = post(PATH, event("x", UUID.randomUUID().toString(), "1")
                .getBytes(StandardCharsets.UTF_8), Map.of("content-type", "application/json"));
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("www-authenticate")).hasValue("Bearer");
        assertThat(postUsage("not.a.token", event("x", UUID.randomUUID().toString(), "1")).headers()
                .firstValue("www-authenticate")).hasValue("Bearer");
    }

    @Test
    void a_token_restricted_to_one_community_cannot_publish_for_another() {
        // given
        String mine = UUID.randomUUID().toString();
        String theirs = UUID.randomUUID().toString();
        String token = TestTokens.es256(PUBLISHER_KEY, usageClaims().claim("community_id", mine).build());
        // when
        HttpResponse<String> refused = postUsage(token,
                "{\"events\":[" + event("a-" + mine, mine, "1") + "," + event("b-" + theirs, theirs, "1") + "]}");
        HttpResponse<String> allowed = postUsage(token, event("c-" + mine, mine, "1"));
        // then
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(allowed.statusCode()).isEqualTo(202);
        assertThat(recordsUpToMarker(mine)).extracting(UsageFinalizationReceived::finalizationId)
                .contains("c-" + mine).doesNotContain("a-" + mine);
    }

    @Test
    void a_jku_header_pointing_elsewhere_makes_no_request_there() {
        // given
        try (JwksTestServer elsewhere = JwksTestServer.start(ATTACKER_KEY)) {
            JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(ATTACKER_KEY.getKeyID())
                    .type(JOSEObjectType.JWT).jwkURL(elsewhere.jwksUrl()).build();
            String token = TestTokens.es256(ATTACKER_KEY, header, usageClaims().build());
            // when
            HttpResponse<String> response = postUsage(token, event("jku", UUID.randomUUID().toString(), "1"));
            // then
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(elsewhere.requestCount()).isZero();
        }
    }
}
