package dev.ledgerstream.jwt;

/**
 * Why a token was refused. The {@link #code()} is short, stable and safe to log, to return in an
 * RFC 9457 problem detail and to use as a low-cardinality metric tag; it never contains any part
 * of the token.
 */
public enum RejectionReason {
    /** Longer than {@link JwtSettings#maxTokenLength()}; refused before any parsing. */
    TOKEN_TOO_LARGE("token_too_large"),
    /** Not a compact JWS with a JSON header and claims, or a claim of the wrong type. */
    MALFORMED("malformed"),
    /** Any algorithm other than ES256, including {@code none}, HS*, RS*, PS* and EdDSA. */
    ALG_NOT_ALLOWED("alg_not_allowed"),
    /** No single EC P-256 signing key in the JWKS matches the token's {@code kid}. */
    UNKNOWN_KEY("unknown_key"),
    BAD_SIGNATURE("bad_signature"),
    WRONG_ISSUER("wrong_issuer"),
    WRONG_AUDIENCE("wrong_audience"),
    MISSING_EXP("missing_exp"),
    MISSING_IAT("missing_iat"),
    /** {@code exp - iat} exceeds {@link JwtSettings#maxLifetime()}. */
    LIFETIME_TOO_LONG("lifetime_too_long"),
    EXPIRED("expired"),
    /** {@code nbf} is later than now plus the clock skew. */
    NOT_YET_VALID("not_yet_valid"),
    /** {@code iat} is later than now plus the clock skew. */
    ISSUED_IN_FUTURE("issued_in_future"),
    /**
     * The keys could not be fetched, so the token could not be judged; always carried by a
     * {@link KeySourceUnavailableException}.
     */
    JWKS_UNAVAILABLE("jwks_unavailable");

    private final String code;

    RejectionReason(String code) {
        this.code = code;
    }

    /** The snake_case code, e.g. {@code expired}. */
    public String code() {
        return code;
    }
}
