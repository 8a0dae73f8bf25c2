package dev.ledgerstream.local.devauth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class DevJwksServerTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path devDirectory;

    private DevJwksServer server;

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void publishes_the_public_half_of_the_development_key_on_loopback() throws Exception {
        // given
        ECKey key = DevCredentials.usageSigningKey(devDirectory);
        server = new DevJwksServer(key, 0);
        server.start();
        // when
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(server.jwksUrl()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        // then
        assertThat(server.jwksUrl().toString()).startsWith("http://127.0.0.1:").endsWith("/.well-known/jwks.json");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).contains("application/jwk-set+json");
        assertThat(response.body()).doesNotContain("\"d\"");
        JWKSet jwks = JWKSet.parse(response.body());
        assertThat(jwks.getKeys()).singleElement().satisfies(jwk -> {
            assertThat(jwk.isPrivate()).isFalse();
            assertThat(jwk.getKeyID()).isEqualTo(key.getKeyID());
        });
    }

    @Test
    void answers_nothing_but_the_jwks() throws Exception {
        // given
        server = new DevJwksServer(DevCredentials.usageSigningKey(devDirectory), 0);
        server.start();
        URI other = server.jwksUrl().resolve("/.well-known/jwks.json.bak");
        // when
        int elsewhere = HTTP.send(HttpRequest.newBuilder(other).GET().build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
        int posted = HTTP.send(HttpRequest.newBuilder(server.jwksUrl()).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
        // then
        assertThat(elsewhere).isEqualTo(404);
        assertThat(posted).isEqualTo(405);
    }
}
