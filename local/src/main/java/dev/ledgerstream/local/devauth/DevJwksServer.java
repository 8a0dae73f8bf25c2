package dev.ledgerstream.local.devauth;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ledgerstream.local.Component;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * Serves the development key's public half as a JWKS on 127.0.0.1, the {@code USAGE_JWKS_URL} of
 * local mode. Plain http is accepted by the verifier for a loopback host only, which is why this
 * binds to 127.0.0.1 and never to a public interface.
 */
public final class DevJwksServer implements Component {

    public static final String PATH = "/.well-known/jwks.json";

    private static final String HOST = "127.0.0.1";

    private final byte[] jwks;
    private final int port;
    private HttpServer server;

    /** A server for {@code signingKey}'s public half on {@code port} (0 picks a free one). */
    public DevJwksServer(ECKey signingKey, int port) {
        // toPublicJWK() drops the private part; toString(true) would too, this says it twice.
        this.jwks = new JWKSet(signingKey.toPublicJWK()).toString(true).getBytes(StandardCharsets.UTF_8);
        this.port = port;
    }

    @Override
    public String name() {
        return "development JWKS";
    }

    @Override
    public synchronized void start() {
        if (server != null) {
            return;
        }
        try {
            HttpServer starting = HttpServer.create(new InetSocketAddress(InetAddress.getByName(HOST), port), 16);
            starting.createContext("/", this::handle);
            starting.start();
            server = starting;
        } catch (IOException e) {
            throw new UncheckedIOException("The development JWKS cannot listen on " + HOST + ":" + port, e);
        }
    }

    @Override
    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    /** {@code http://127.0.0.1:<port>/.well-known/jwks.json}; the server must be running. */
    public synchronized URI jwksUrl() {
        if (server == null) {
            throw new IllegalStateException("The development JWKS server is not running");
        }
        return URI.create("http://" + HOST + ":" + server.getAddress().getPort() + PATH);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            if (!PATH.equals(exchange.getRequestURI().getPath())) {
                exchange.sendResponseHeaders(404, -1);
            } else if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "GET");
                exchange.sendResponseHeaders(405, -1);
            } else {
                exchange.getResponseHeaders().set("Content-Type", "application/jwk-set+json");
                exchange.sendResponseHeaders(200, jwks.length);
                try (OutputStream body = exchange.getResponseBody()) {
                    body.write(jwks);
                }
            }
        } finally {
            exchange.close();
        }
    }
}
