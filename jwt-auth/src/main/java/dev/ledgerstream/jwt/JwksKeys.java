package dev.ledgerstream.jwt;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.jwk.source.URLBasedJWKSetSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URL;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The EC P-256 signing keys of the configured JWKS URL, and nothing else: no header of the token
 * ({@code jku}, {@code x5u}, {@code jwk}, {@code x5c}) is ever read here. Caching, refresh on an
 * unknown {@code kid}, the rate limit on refreshes and one retry are nimbus's {@link
 * JWKSourceBuilder}; this class adds HTTP limits, redirect refusal, the listener hook and the
 * distinction between "no such key" and "keys unavailable".
 */
final class JwksKeys {

    private static final Logger log = LoggerFactory.getLogger(JwksKeys.class);

    private final JWKSource<SecurityContext> source;
    private final FetchRecordingSource fetches;
    private final long cacheTtlMillis;

    JwksKeys(JwtSettings settings, JwtVerifierListener listener) {
        int connectMillis = Math.toIntExact(settings.jwksConnectTimeout().toMillis());
        int readMillis = Math.toIntExact(settings.jwksReadTimeout().toMillis());
        var retriever = new NoRedirectRetriever(connectMillis, readMillis, settings.jwksMaxBytes());
        URL url = settings.jwksUrlForFetching();
        this.fetches = new FetchRecordingSource(new URLBasedJWKSetSource<>(url, retriever), url, listener);
        this.cacheTtlMillis = settings.jwksCacheTtl().toMillis();
        // Threads that find a refresh in progress wait for it at most this long: the worst case of
        // a fetch and its one retry, plus a margin.
        long refreshWaitMillis = 2L * (connectMillis + readMillis) + 1_000L;
        this.source = JWKSourceBuilder.create(fetches)
                .cache(cacheTtlMillis, refreshWaitMillis)
                .rateLimited(settings.jwksRateLimitWindow().toMillis())
                .retrying(true)
                .refreshAheadCache(false)
                .outageTolerant(false)
                .build();
    }

    /**
     * The one key that may verify a token with this {@code kid}. A token without {@code kid} is
     * accepted only when the JWKS holds exactly one EC P-256 signing key, so a single-key issuer
     * needs no {@code kid} but a signer can never make us try several keys.
     *
     * @throws InvalidTokenException {@link RejectionReason#UNKNOWN_KEY} when no single key matches
     *     after at most one rate-limited refresh
     * @throws KeySourceUnavailableException when the JWKS cannot be fetched
     */
    ECKey keyFor(String kid) throws InvalidTokenException {
        List<JWK> candidates = select(matcher(kid));
        if (candidates.size() != 1 || !(candidates.get(0) instanceof ECKey key)) {
            throw new InvalidTokenException(RejectionReason.UNKNOWN_KEY);
        }
        return key;
    }

    private List<JWK> select(JWKMatcher matcher) throws InvalidTokenException {
        try {
            // An empty selection makes nimbus refresh the JWKS once, within the rate limit.
            return source.get(new JWKSelector(matcher), null);
        } catch (RateLimitReachedException e) {
            // The refresh for an unknown kid was refused. With a usable cached JWKS the key is
            // simply unknown; with none (the fetches so far failed) the keys are unavailable.
            if (fetches.hasKeysYoungerThan(cacheTtlMillis)) {
                throw new InvalidTokenException(RejectionReason.UNKNOWN_KEY);
            }
            throw new KeySourceUnavailableException(e);
        } catch (KeySourceException e) {
            throw new KeySourceUnavailableException(e);
        }
    }

    private static JWKMatcher matcher(String kid) {
        // A null entry in keyUses / algorithms matches a key that does not declare them.
        JWKMatcher.Builder matcher = new JWKMatcher.Builder()
                .keyType(KeyType.EC)
                .curve(Curve.P_256)
                .keyUses(KeyUse.SIGNATURE, null)
                .algorithms(JWSAlgorithm.ES256, null);
        return kid == null ? matcher.build() : matcher.keyID(kid).build();
    }

    /** Records successful fetches, for the listener and for telling rate-limited from unavailable. */
    private static final class FetchRecordingSource implements JWKSetSource<SecurityContext> {

        private final JWKSetSource<SecurityContext> delegate;
        private final URL url;
        private final JwtVerifierListener listener;
        private volatile long lastFetchedAt = Long.MIN_VALUE;

        FetchRecordingSource(JWKSetSource<SecurityContext> delegate, URL url, JwtVerifierListener listener) {
            this.delegate = delegate;
            this.url = url;
            this.listener = listener;
        }

        @Override
        public JWKSet getJWKSet(JWKSetCacheRefreshEvaluator evaluator, long currentTime, SecurityContext context)
                throws KeySourceException {
            try {
                JWKSet keys = delegate.getJWKSet(evaluator, currentTime, context);
                // nimbus stamps its cache entry with the same currentTime, so both agree on expiry.
                lastFetchedAt = currentTime;
                listener.jwksRefreshed();
                log.debug("Fetched JWKS from {}: {} keys", url, keys.size());
                return keys;
            } catch (KeySourceException e) {
                log.warn("Fetching JWKS from {} failed: {}", url, e.getMessage());
                throw e;
            }
        }

        boolean hasKeysYoungerThan(long ttlMillis) {
            long fetchedAt = lastFetchedAt;
            return fetchedAt != Long.MIN_VALUE && System.currentTimeMillis() - fetchedAt < ttlMillis;
        }

        @Override
        public void close() throws IOException {
            delegate.close();
        }
    }

    /**
     * Keys come from the configured URL only: a redirect is treated as a failed fetch (the
     * retriever refuses any non-2xx status) instead of being followed to another host.
     */
    private static final class NoRedirectRetriever extends DefaultResourceRetriever {

        NoRedirectRetriever(int connectTimeoutMillis, int readTimeoutMillis, int sizeLimitBytes) {
            super(connectTimeoutMillis, readTimeoutMillis, sizeLimitBytes);
        }

        @Override
        protected HttpURLConnection openHTTPConnection(URL url) throws IOException {
            HttpURLConnection connection = super.openHTTPConnection(url);
            connection.setInstanceFollowRedirects(false);
            return connection;
        }
    }
}
