package dev.ledgerstream.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWKSet;
import dev.ledgerstream.schemas.TopicSpec;
import dev.ledgerstream.local.devauth.IpnSigner;
import dev.ledgerstream.schemas.Topics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Start reading here: the whole pipeline end to end, as {@code ./ledgerstream local} runs it (an
 * embedded Kafka broker and PostgreSQL, the four services), in this JVM on a temporary data
 * directory. A signed IPN and a usage event go in over HTTP; local mode stops and starts again on
 * the same data; then the raw records are on Kafka, the stream processors' ledger records are on
 * the ledger topics, the sink has written the lot to PostgreSQL and the admin API reports its
 * balance, and the development credentials are the same.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class PipelineEndToEndIT {

    private static final String COMMUNITY = "3f1c2b9e-8d4a-4c6b-9e2f-1a7d5c3b8e60";


    @TempDir
    Path dataDirectory;

    private final ByteArrayOutputStream console = new ByteArrayOutputStream();

    @Test
    void keeps_accepted_events_and_its_development_credentials_across_a_restart() throws Exception {
        // given
        LocalSettings settings = LocalModeClient.settingsOnFreePorts(dataDirectory);
        String paymentId = Long.toString(ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_999_999_999L));
        String finalizationId = "fin-" + UUID.randomUUID();
        String ipnSecret;
        String firstKid;
        HttpResponse<String> ipnResponse;
        HttpResponse<String> usageResponse;

        // when
        try (LocalMode first = new LocalMode(settings, new PrintStream(console, true, StandardCharsets.UTF_8))) {
            first.start();
            ipnSecret = first.wiring().ipnSecret();
            firstKid = kid(first.wiring().usageJwksUrl());
            ipnResponse = postIpn(first.ingestUrl(), ipnSecret, paymentId);
            usageResponse = postUsage(first.ingestUrl(), LocalMode.usageToken(settings, Instant.now()), finalizationId);
        }
        LocalMode restarted = new LocalMode(settings, new PrintStream(console, true, StandardCharsets.UTF_8));
        try (restarted) {
            restarted.start();

            // then
            assertThat(ipnResponse.statusCode()).as(ipnResponse.body()).isEqualTo(200);
            assertThat(ipnResponse.body()).contains("\"event_id\"").doesNotContain("quarantined");
            assertThat(usageResponse.statusCode()).as(usageResponse.body()).isEqualTo(202);
            assertThat(restarted.wiring().ipnSecret()).isEqualTo(ipnSecret);
            assertThat(kid(restarted.wiring().usageJwksUrl())).isEqualTo(firstKid);
            String bootstrap = restarted.wiring().kafkaBootstrapServers();
            assertThat(readUntil(bootstrap, Topics.PAYMENTS_IPN, ipn -> ipn.paymentId().equals(paymentId)).key())
                    .as("an IPN is keyed by the community its order_id names (ADR 0011)").isEqualTo(COMMUNITY);
            assertThat(readUntil(bootstrap, Topics.USAGE_FINALIZATIONS,
                    usage -> usage.finalizationId().equals(finalizationId)).value().poolId()).isEqualTo("cheap");
            // and the stream processors of local mode turned them into ledger records
            assertThat(readUntil(bootstrap, Topics.LEDGER_PAYMENTS, outcome -> outcome.paymentId().equals(paymentId))
                    .value().creditedMicro()).isEqualTo(27_500_000L);
            assertThat(readUntil(bootstrap, Topics.LEDGER_USAGE_EVENTS,
                    usage -> usage.finalizationId().equals(finalizationId)).value().amountMicro()).isEqualTo(850_000L);
            assertThat(LocalModeClient.get(URI.create(restarted.ingestUrl() + "/health/ready"), null).statusCode())
                    .isEqualTo(200);
            // and the sink wrote the lot to PostgreSQL, where the admin API reads it
            assertThat(awaitBalance(restarted, LocalMode.adminToken(settings, Instant.now()))).isEqualTo("27500000");
            // and ./ledgerstream demo works against it: 38,000,000 minted, 30 usage events spent
            ByteArrayOutputStream demoOutput = new ByteArrayOutputStream();
            String demoBalance = LocalMode.demo(settings, restarted.ingestUrl(), restarted.adminUrl())
                    .run(new PrintStream(demoOutput, true, StandardCharsets.UTF_8));
            assertThat(Long.parseLong(demoBalance)).isEqualTo(38_000_000L - (30 * 100_000L + 13_000L * 435));
            assertThat(demoOutput.toString(StandardCharsets.UTF_8)).contains("Dashboard", "Admin token");
            assertThat(console.toString(StandardCharsets.UTF_8)).contains("Ledgerstream local mode is ready in");
        }
    }

    /** The admin API's balance for the test's community, once the sink has written the lot. */
    private static String awaitBalance(LocalMode local, String adminToken) throws Exception {
        URI billing = URI.create(local.adminUrl() + "/api/v1/admin/community/" + COMMUNITY + "/billing");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String body = "";
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = LocalModeClient.get(billing, adminToken);
            body = response.body();
            java.util.regex.Matcher balance = java.util.regex.Pattern.compile("\"balance_micro\":\"(\\d+)\"").matcher(body);
            if (response.statusCode() == 200 && balance.find() && !balance.group(1).equals("0")) {
                return balance.group(1);
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no balance from the admin API within 60 s: " + body);
    }

    private static HttpResponse<String> postIpn(URI ingest, String secret, String paymentId) throws Exception {
        // Compact, keys sorted, integers only: this body is its own canonical form (SPEC 3.1).
        String body = "{\"order_id\":\"" + COMMUNITY + ":standard\",\"payment_id\":" + paymentId
                + ",\"payment_status\":\"finished\",\"price_amount\":25,\"price_currency\":\"usd\"}";
        return LocalModeClient.post(URI.create(ingest + "/api/crypto/webhook"), body,
                Map.of("content-type", "application/json", "x-nowpayments-sig", IpnSigner.sign(secret, body)));
    }

    private static HttpResponse<String> postUsage(URI ingest, String token, String finalizationId) throws Exception {
        String body = """
                {"finalization_id":"%s","community_id":"%s","pool_id":"cheap","tokens_input":1200,
                 "tokens_output":340,"amount_micro":850000,"occurred_at":"2026-11-22T10:15:30Z"}"""
                .formatted(finalizationId, UUID.randomUUID());
        return LocalModeClient.post(URI.create(ingest + "/api/v1/usage/finalizations"), body,
                Map.of("content-type", "application/json", "authorization", "Bearer " + token));
    }

    private static String kid(String jwksUrl) throws IOException, InterruptedException, ParseException {
        HttpResponse<String> response = LocalModeClient.get(URI.create(jwksUrl), null);
        assertThat(response.statusCode()).isEqualTo(200);
        JWKSet jwks = JWKSet.parse(response.body());
        assertThat(jwks.getKeys()).singleElement().satisfies(key -> assertThat(key.isPrivate()).isFalse());
        return jwks.getKeys().get(0).getKeyID();
    }

    /** The first record of {@code topic}, read from the beginning with read_committed, that matches. */
    private static <V> ConsumerRecord<String, V> readUntil(String bootstrap, TopicSpec<String, V> topic, Predicate<V> wanted) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "pipeline-e2e-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                topic.valueSerde().deserializer())) {
            consumer.subscribe(List.of(topic.name()));
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, V> record : consumer.poll(Duration.ofMillis(200))) {
                    if (wanted.test(record.value())) {
                        return record;
                    }
                }
            }
        }
        throw new AssertionError("The record was not on " + topic.name() + " after the restart");
    }



}
