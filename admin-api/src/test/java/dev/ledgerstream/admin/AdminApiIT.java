package dev.ledgerstream.admin;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.ledgerstream.jwt.testing.JwksTestServer;
import dev.ledgerstream.jwt.testing.TestKeys;
import dev.ledgerstream.jwt.testing.TestTokens;
import dev.ledgerstream.testsupport.TestServers;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The admin API as it runs: a real HTTP server, the scenario's PostgreSQL ledger written by the real
 * sink ({@link LedgerFixture}), read through a login that is only a member of {@code ledger_reader},
 * and a real JWKS over HTTP. The clock is fixed at {@link LedgerScenario#NOW}, so every figure,
 * the burn window included, is the hand-computed one. Subclasses share one application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        classes = {AdminApplication.class, AdminApiIT.ScenarioClock.class})
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
abstract class AdminApiIT {

    static final String ISSUER = "https://auth.ledgerstream.test";
    static final String AUDIENCE = "ledgerstream-admin";
    static final ECKey ADMIN_KEY = TestKeys.ecP256("admin-1");
    static final JwksTestServer JWKS = JwksTestServer.start(ADMIN_KEY);
    static final LedgerFixture LEDGER = LedgerFixture.shared();
    static final JsonMapper JSON = JsonMapper.builder().build();

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        settings(registry, LEDGER::jdbcUrl);
    }

    /** The admin API's settings for these tests, reading the ledger at {@code databaseUrl}. */
    static void settings(DynamicPropertyRegistry registry, Supplier<Object> databaseUrl) {
        registry.add("ledgerstream.admin.jwks-url", () -> JWKS.jwksUrl().toString());
        registry.add("ledgerstream.admin.jwt-issuer", () -> ISSUER);
        registry.add("ledgerstream.admin.jwt-audience", () -> AUDIENCE);
        registry.add("ledgerstream.admin.database-url", databaseUrl);
        registry.add("ledgerstream.admin.kafka-bootstrap-servers", () -> TestServers.kafka().bootstrapServers());
        registry.add("ledgerstream.admin.database-user", () -> LedgerFixture.API_LOGIN);
        registry.add("ledgerstream.admin.database-password", () -> LedgerFixture.API_PASSWORD);
    }

    /** Claims of a valid admin token at the scenario's time: right issuer and audience, 60 s lifetime. */
    static JWTClaimsSet.Builder claims() {
        return TestTokens.claims(LedgerScenario.NOW, ISSUER, AUDIENCE);
    }

    static String adminToken() {
        return TestTokens.es256(ADMIN_KEY, claims().claim("role", "admin").build());
    }

    static String communityAdminToken(String community) {
        return TestTokens.es256(ADMIN_KEY, claims().claim("role", "community_admin").claim("community_id", community)
                .build());
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** GET with a bearer token (none when {@code token} is null). */
    HttpResponse<String> get(String path, String token) {
        return send(request(path, token), HttpResponse.BodyHandlers.ofString());
    }

    /** POST of a JSON body with a bearer token (none when {@code token} is null). */
    HttpResponse<String> post(String path, String token, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<InputStream> getStream(String path, String token) {
        return send(request(path, token), HttpResponse.BodyHandlers.ofInputStream());
    }

    /** The JSON body of a 200 answer to an admin's GET; fails with the body otherwise. */
    JsonNode json(String path) {
        return json(path, adminToken());
    }

    JsonNode json(String path, String token) {
        HttpResponse<String> response = get(path, token);
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    private HttpRequest request(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .timeout(Duration.ofSeconds(60)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request.build();
    }

    private static <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return HTTP.send(request, handler);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Reports, token times and the burn window all run at the scenario's fixed time. */
    @TestConfiguration(proxyBeanMethods = false)
    static class ScenarioClock {

        @Bean
        @Primary
        Clock scenarioClock() {
            return Clock.fixed(LedgerScenario.NOW, ZoneOffset.UTC);
        }
    }
}
