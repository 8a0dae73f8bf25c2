package dev.ledgerstream.jwt;

import com.nimbusds.jose.Header;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;

/**
 * The full check of one token, in the order that does the least work for a bad one: size, shape,
 * algorithm, key, signature, then claims. Claims are only parsed once the signature is good.
 */
final class Es256JwtVerifier implements JwtVerifier {

    private final int maxTokenLength;
    private final JwksKeys keys;
    private final ClaimsRules rules;
    private final JwtVerifierListener listener;
    private final Clock clock;

    Es256JwtVerifier(JwtSettings settings, JwksKeys keys, JwtVerifierListener listener, Clock clock) {
        this.maxTokenLength = settings.maxTokenLength();
        this.keys = keys;
        this.rules = new ClaimsRules(settings);
        this.listener = listener;
        this.clock = clock;
    }

    @Override
    public VerifiedToken verify(String compactJwt) throws InvalidTokenException {
        try {
            return check(compactJwt);
        } catch (InvalidTokenException e) {
            listener.rejected(e.reason());
            throw e;
        }
    }

    private VerifiedToken check(String compactJwt) throws InvalidTokenException {
        if (compactJwt == null || compactJwt.isEmpty()) {
            throw new InvalidTokenException(RejectionReason.MALFORMED);
        }
        if (compactJwt.length() > maxTokenLength) {
            throw new InvalidTokenException(RejectionReason.TOKEN_TOO_LARGE);
        }
        String[] parts = splitCompact(compactJwt);
        JWSHeader header = es256Header(parts[0]);
        if (parts[2].isEmpty()) {
            throw new InvalidTokenException(RejectionReason.MALFORMED);
        }
        SignedJWT jwt = parse(parts);
        // Only the kid is taken from the header; jku, x5u, jwk and x5c are never looked at.
        ECKey key = keys.keyFor(header.getKeyID());
        if (!signatureMatches(jwt, key)) {
            throw new InvalidTokenException(RejectionReason.BAD_SIGNATURE);
        }
        return rules.check(claims(jwt), clock.instant());
    }

    /**
     * Exactly three parts, header and payload non-empty; a JWE (five parts) is malformed. An empty
     * signature is left to the algorithm check, so {@code alg: none} is reported as such.
     */
    private static String[] splitCompact(String token) throws InvalidTokenException {
        int first = token.indexOf('.');
        int second = first < 0 ? -1 : token.indexOf('.', first + 1);
        if (first <= 0 || second <= first + 1 || token.indexOf('.', second + 1) >= 0) {
            throw new InvalidTokenException(RejectionReason.MALFORMED);
        }
        return new String[] {
            token.substring(0, first), token.substring(first + 1, second), token.substring(second + 1)
        };
    }

    /**
     * The header is classified before the JWS is built, so {@code none} and other algorithms are
     * reported as {@link RejectionReason#ALG_NOT_ALLOWED} rather than as malformed.
     */
    private static JWSHeader es256Header(String encodedHeader) throws InvalidTokenException {
        Header header;
        try {
            header = Header.parse(new Base64URL(encodedHeader));
        } catch (ParseException | IllegalArgumentException e) {
            throw new InvalidTokenException(RejectionReason.MALFORMED);
        }
        if (!(header instanceof JWSHeader jwsHeader) || !JWSAlgorithm.ES256.equals(jwsHeader.getAlgorithm())) {
            throw new InvalidTokenException(RejectionReason.ALG_NOT_ALLOWED);
        }
        // RFC 7515 4.1.11: a recipient must refuse critical extensions it does not understand,
        // and we understand none (this also refuses the unencoded-payload option of RFC 7797).
        if (jwsHeader.getCriticalParams() != null) {
            throw new InvalidTokenException(RejectionReason.MALFORMED);
        }
        return jwsHeader;
    }

    private static SignedJWT parse(String[] parts) throws InvalidTokenException {
        try {
            return new SignedJWT(new Base64URL(parts[0]), new Base64URL(parts[1]), new Base64URL(parts[2]));
        } catch (ParseException | IllegalArgumentException e) {
            throw new InvalidTokenException(RejectionReason.MALFORMED);
        }
    }

    private static boolean signatureMatches(SignedJWT jwt, ECKey key) {
        try {
            // ECDSAVerifier also refuses out-of-range r and s (CVE-2022-21449) and wrong lengths.
            return jwt.verify(new ECDSAVerifier(key));
        } catch (JOSEException | IllegalStateException e) {
            return false;
        }
    }

    private static JWTClaimsSet claims(SignedJWT jwt) throws InvalidTokenException {
        try {
            return jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new InvalidTokenException(RejectionReason.MALFORMED);
        }
    }
}
