/**
 * ES256 bearer-token verification shared by ingest-api (usage publishers, SPEC 3.2) and admin-api
 * (admin tokens, SPEC 7): {@link dev.ledgerstream.jwt.JwtSettings} says whom to trust, {@link
 * dev.ledgerstream.jwt.JwtVerifier} turns a compact JWS into a {@link
 * dev.ledgerstream.jwt.VerifiedToken} or an {@link dev.ledgerstream.jwt.InvalidTokenException}
 * with a safe reason, keys come only from the configured JWKS URL (cached, refreshed on an unknown
 * {@code kid}, rate-limited), and verified tokens are cached by digest until they expire. Metrics
 * hooks are a plain listener. {@link dev.ledgerstream.jwt.BearerAuthentication} is the one HTTP
 * rule: an {@code Authorization} header's bearer token verified, or the chassis' problem to answer
 * (401, or 503 when the keys cannot be fetched). Nothing here knows Spring or authorization: the
 * applications decide what a scope, {@code role} or {@code community_id} claim permits.
 */
package dev.ledgerstream.jwt;
