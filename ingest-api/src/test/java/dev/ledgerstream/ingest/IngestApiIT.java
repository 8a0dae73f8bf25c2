package dev.ledgerstream.ingest;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.ledgerstream.jwt.testing.JwksTestServer;
import dev.ledgerstream.jwt.testing.TestKeys;
import dev.ledgerstream.jwt.testing.TestTokens;
import dev.ledgerstream.testsupport.KafkaServer;
import dev.ledgerstream.testsupport.TestServers;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The ingest API as it runs: a real HTTP server, a real Kafka broker (embedded, Testcontainers or
 * external: see test-support), a real JWKS over HTTP. Subclasses share one application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
abstract class IngestApiIT {

    static final String IPN_SECRET = "test-ipn-secret-NOT-REAL";
    static final String ISSUER = "https://inference.test";
    static final String AUDIENCE = "ledgerstream-ingest";
    static final ECKey PUBLISHER_KEY = TestKeys.ecP256("publisher-1");
    static final JwksTestServer JWKS = JwksTestServer.start(PUBLISHER_KEY);
    static final JsonMapper JSON = JsonMapper.builder().build();

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        KafkaServer kafka = TestServers.kafka();
        registry.add("ledgerstream.ingest.kafka-bootstrap-servers", kafka::bootstrapServers);
        registry.add("ledgerstream.ingest.ipn-secret", () -> "  " + IPN_SECRET + "\n");
        registry.add("ledgerstream.ingest.usage-jwks-url", () -> JWKS.jwksUrl().toString());
        registry.add("ledgerstream.ingest.usage-jwt-issuer", () -> ISSUER);
        registry.add("ledgerstream.ingest.usage-jwt-audience", () -> AUDIENCE);
        registry.add("ledgerstream.ingest.create-topics", () -> "true");
    }

    /** Claims of a valid usage token: right issuer and audience, scope usage:write, 60 s lifetime. */
    static JWTClaimsSet.Builder usageClaims() {
        return TestTokens.claims(Instant.now(), ISSUER, AUDIENCE).claim("scope", "usage:read usage:write");
    }

    static String validToken() {
        return TestTokens.es256(PUBLISHER_KEY, usageClaims().build());
    }

    HttpResponse<String> post(String path, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return send(request.build());
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).GET().build());
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }
}
