package dev.ledgerstream.local.devauth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class DevTokensTest {

    @TempDir
    Path devDirectory;

    @Test
    void mints_an_es256_usage_token_valid_for_the_longest_lifetime_the_ingest_api_accepts() throws Exception {
        // given
        ECKey key = DevCredentials.usageSigningKey(devDirectory);
        Instant now = Instant.parse("2026-11-22T10:00:00Z");
        // when
        SignedJWT token = SignedJWT.parse(DevTokens.usageToken(key, "ledgerstream-local", "ledgerstream-ingest", now));
        // then
        assertThat(token.verify(new ECDSAVerifier(key.toECPublicKey()))).isTrue();
        assertThat(token.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        assertThat(token.getHeader().getKeyID()).isEqualTo(key.getKeyID());
        JWTClaimsSet claims = token.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo("ledgerstream-local");
        assertThat(claims.getAudience()).containsExactly("ledgerstream-ingest");
        assertThat(claims.getSubject()).isEqualTo("local-dev");
        assertThat(claims.getStringClaim("scope")).isEqualTo("usage:write");
        assertThat(claims.getIssueTime().toInstant()).isEqualTo(now);
        assertThat(Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()))
                .isEqualTo(Duration.ofSeconds(300));
    }

    @Test
    void mints_a_community_admins_token_for_that_community_only() throws Exception {
        // given
        ECKey key = DevCredentials.usageSigningKey(devDirectory);
        String community = "3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f";
        // when
        SignedJWT token = SignedJWT.parse(DevTokens.communityAdminToken(key, "ledgerstream-local", "ledgerstream-admin",
                community, Instant.now()));
        // then
        assertThat(token.verify(new ECDSAVerifier(key.toECPublicKey()))).isTrue();
        JWTClaimsSet claims = token.getJWTClaimsSet();
        assertThat(claims.getStringClaim("role")).isEqualTo("community_admin");
        assertThat(claims.getStringClaim("community_id")).isEqualTo(community);
        assertThat(claims.getClaim("scope")).isNull();
        assertThat(claims.getAudience()).containsExactly("ledgerstream-admin");
    }
}
