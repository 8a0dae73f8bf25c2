package dev.ledgerstream.jwt.testing;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A JWKS endpoint on 127.0.0.1 with a random port that counts every request it receives, so a
 * test can prove that a token header made no request and that refreshes are rate-limited. Serves
 * only the public parts of the keys. Close it (try-with-resources or {@code @AfterEach}).
 */
public final class JwksTestServer implements AutoCloseable {

    private static final String PATH = "/.well-known/jwks.json";

    private final HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicReference<Response> response = new AtomicReference<>();

    private record Response(int status, String body, Map<String, String> headers) {
    }

    private JwksTestServer(HttpServer server) {
        this.server = server;
    }

    /** Starts serving a JWKS with the public parts of {@code keys}. */
    public static JwksTestServer start(JWK... keys) {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            JwksTestServer jwks = new JwksTestServer(http);
            jwks.publish(keys);
            http.createContext("/", jwks::handle);
            http.start();
            return jwks;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The JWKS URL, e.g. {@code http://127.0.0.1:41234/.well-known/jwks.json}. */
    public URI jwksUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + PATH);
    }

    /** Replaces the served keys (public parts only), e.g. to simulate a rotation. */
    public void publish(JWK... keys) {
        String body = new JWKSet(List.of(keys)).toString(true);
        response.set(new Response(200, body, Map.of("Content-Type", "application/jwk-set+json")));
    }

    /** Serves this status and body instead of a JWKS, e.g. 500, or an oversized document. */
    public void respondWith(int status, String body) {
        response.set(new Response(status, body, Map.of("Content-Type", "application/json")));
    }

    /** Answers with a redirect to {@code location}, which a verifier must not follow. */
    public void redirectTo(URI location) {
        response.set(new Response(302, "", Map.of("Location", location.toString())));
    }

    /** Requests received so far, on any path. */
    public int requestCount() {
        return requests.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        Response current = response.get();
        byte[] body = current.body().getBytes(StandardCharsets.UTF_8);
        current.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        exchange.sendResponseHeaders(current.status(), body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
