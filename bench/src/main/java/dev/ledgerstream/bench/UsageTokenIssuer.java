package dev.ledgerstream.bench;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import dev.ledgerstream.local.devauth.DevJwksServer;
import dev.ledgerstream.local.devauth.DevTokens;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Plays the inference services' token issuer: a fresh EC P-256 key, its public half served as a
 * JWKS on 127.0.0.1 (local mode's {@link DevJwksServer}, random port), and ES256 usage tokens signed
 * with it ({@link DevTokens}, the one development token issuer).
 */
final class UsageTokenIssuer implements AutoCloseable {

    static final String ISSUER = "https://inference.bench.invalid";
    static final String AUDIENCE = "ledgerstream-ingest";
    /** The longest lifetime the ingest API accepts (SPEC 3.2). */
    static final Duration LIFETIME = DevTokens.LIFETIME;

    private final ECKey key;
    private final DevJwksServer server;

    private UsageTokenIssuer(ECKey key, DevJwksServer server) {
        this.key = key;
        this.server = server;
    }

    static UsageTokenIssuer start() {
        try {
            ECKey key = new ECKeyGenerator(Curve.P_256).keyID("bench-" + UUID.randomUUID()).generate();
            DevJwksServer server = new DevJwksServer(key, 0);
            server.start();
            return new UsageTokenIssuer(key, server);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot create the benchmark signing key", e);
        }
    }

    URI jwksUrl() {
        return server.jwksUrl();
    }

    /** A usage token valid from now for {@link #LIFETIME}: right issuer, audience and scope. */
    String mint() {
        return DevTokens.usageToken(key, ISSUER, AUDIENCE, Instant.now());
    }

    @Override
    public void close() {
        server.stop();
    }
}
