package dev.ledgerstream.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerstream.testsupport.TestServers;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The usage publishers' key server cannot be reached (nothing listens on its port): a usage request
 * is a 503 naming the key source, with Retry-After; not a 401 (the token may well be valid) and not
 * a Kafka outage.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class KeySourceOutageIT {

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            closed = socket.getLocalPort();
        }
        registry.add("ledgerstream.ingest.kafka-bootstrap-servers", TestServers.kafka()::bootstrapServers);
        registry.add("ledgerstream.ingest.ipn-secret", () -> IngestApiIT.IPN_SECRET);
        registry.add("ledgerstream.ingest.usage-jwks-url", () -> "http://127.0.0.1:" + closed + "/.well-known/jwks.json");
        registry.add("ledgerstream.ingest.usage-jwt-issuer", () -> IngestApiIT.ISSUER);
        registry.add("ledgerstream.ingest.usage-jwt-audience", () -> IngestApiIT.AUDIENCE);
        registry.add("ledgerstream.ingest.create-topics", () -> "true");
    }

    @Test
    void a_usage_request_while_the_key_server_is_unreachable_is_503_key_source_unavailable() throws Exception {
        // given
        String event = UsageEndpointIT.event("keys-" + UUID.randomUUID(), UUID.randomUUID().toString(), "1");
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + UsageEndpointIT.PATH))
                .timeout(Duration.ofSeconds(30)).header("content-type", "application/json")
                .header("authorization", "Bearer " + IngestApiIT.validToken())
                .POST(HttpRequest.BodyPublishers.ofString(event)).build();

        // when
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

        // then
        assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
        assertThat(response.headers().firstValue("retry-after")).isPresent();
        assertThat(IngestApiIT.json(response).get("type").asString())
                .isEqualTo("urn:ledgerstream:problem:key-source-unavailable");
    }
}
