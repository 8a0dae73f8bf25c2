package dev.ledgerstream.bench;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * Plays the inference services' token issuer: a fresh EC P-256 key, its public half served as a
 * JWKS on 127.0.0.1 (JDK HTTP server, random port), and ES256 usage tokens signed with it.
 */
final class UsageTokenIssuer implements AutoCloseable {

    static final String ISSUER = "https://inference.bench.invalid";
    static final String AUDIENCE = "ledgerstream-ingest";
    /** The longest lifetime the ingest API accepts (SPEC 3.2). */
    static final Duration LIFETIME = Duration.ofSeconds(300);

    private static final String PATH = "/.well-known/jwks.json";

    private final ECKey key;
    private final ECDSASigner signer;
    private final HttpServer server;

    private UsageTokenIssuer(ECKey key, HttpServer server) throws JOSEException {
        this.key = key;
        this.signer = new ECDSASigner(key);
        this.server = server;
    }

    static UsageTokenIssuer start() {
        try {
            ECKey key = new ECKeyGenerator(Curve.P_256).keyID("bench-" + UUID.randomUUID()).generate();
            byte[] jwks = new JWKSet(key.toPublicJWK()).toString(true).getBytes(StandardCharsets.UTF_8);
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext(PATH, exchange -> serve(exchange, jwks));
            server.start();
            return new UsageTokenIssuer(key, server);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve the benchmark JWKS", e);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot create the benchmark signing key", e);
        }
    }

    URI jwksUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + PATH);
    }

    /** A usage token valid from now for {@link #LIFETIME}: right issuer, audience and scope. */
    String mint() {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject("bench-publisher")
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(LIFETIME)))
                .jwtID(UUID.randomUUID().toString())
                .claim("scope", "usage:write")
                .build();
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256).type(JOSEObjectType.JWT)
                .keyID(key.getKeyID()).build();
        try {
            SignedJWT jwt = new SignedJWT(header, claims);
            jwt.sign(signer);
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a benchmark token", e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private static void serve(HttpExchange exchange, byte[] jwks) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/jwk-set+json");
        exchange.sendResponseHeaders(200, jwks.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(jwks);
        }
    }
}
