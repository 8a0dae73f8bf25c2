package dev.ledgerstream.jwt;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers verified tokens until they expire, because publishers reuse one token for many
 * requests and an ES256 check costs far more than a hash. Keys are SHA-256 digests, so the cache
 * never holds a usable token; refused tokens are never cached, so every retry of a bad token is
 * judged afresh. An entry is served only while the token would still pass the expiry check
 * ({@code exp} plus the clock skew), so the cache never widens acceptance. A key removed from the
 * JWKS stops a cached token at the latest when it expires, within {@link JwtSettings#maxLifetime()}.
 */
final class CachingJwtVerifier implements JwtVerifier {

    private final JwtVerifier delegate;
    private final int maxTokenLength;
    private final Duration clockSkew;
    private final JwtVerifierListener listener;
    private final Clock clock;
    private final Map<TokenDigest, VerifiedToken> entries;

    CachingJwtVerifier(JwtVerifier delegate, JwtSettings settings, JwtVerifierListener listener, Clock clock) {
        this.delegate = delegate;
        this.maxTokenLength = settings.maxTokenLength();
        this.clockSkew = settings.clockSkew();
        this.listener = listener;
        this.clock = clock;
        int maxEntries = settings.verifiedTokenCacheMaxEntries();
        // Access order makes this an LRU: a burst of one-off tokens evicts the idle ones first.
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<TokenDigest, VerifiedToken> eldest) {
                return size() > maxEntries;
            }
        };
    }

    @Override
    public VerifiedToken verify(String compactJwt) throws InvalidTokenException {
        // Oversized or empty input is refused by the delegate without being hashed.
        if (compactJwt == null || compactJwt.isEmpty() || compactJwt.length() > maxTokenLength) {
            return delegate.verify(compactJwt);
        }
        TokenDigest digest = TokenDigest.of(compactJwt);
        VerifiedToken cached = lookUp(digest);
        if (cached != null) {
            listener.cacheHit();
            return cached;
        }
        listener.cacheMiss();
        VerifiedToken verified = delegate.verify(compactJwt);
        synchronized (entries) {
            entries.put(digest, verified);
        }
        return verified;
    }

    private VerifiedToken lookUp(TokenDigest digest) {
        synchronized (entries) {
            VerifiedToken cached = entries.get(digest);
            if (cached == null) {
                return null;
            }
            if (clock.instant().isAfter(cached.expiresAt().plus(clockSkew))) {
                // Expired: drop it and let the delegate refuse the token with the right reason.
                entries.remove(digest);
                return null;
            }
            return cached;
        }
    }

    /** Number of cached entries; for tests. */
    int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    /** The SHA-256 of a token as four longs: cheap to compare and hash, useless as a credential. */
    private record TokenDigest(long a, long b, long c, long d) {

        static TokenDigest of(String token) {
            ByteBuffer hash = ByteBuffer.wrap(sha256().digest(token.getBytes(StandardCharsets.UTF_8)));
            return new TokenDigest(hash.getLong(), hash.getLong(), hash.getLong(), hash.getLong());
        }

        private static MessageDigest sha256() {
            try {
                return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java runtime has SHA-256", e);
            }
        }
    }
}
