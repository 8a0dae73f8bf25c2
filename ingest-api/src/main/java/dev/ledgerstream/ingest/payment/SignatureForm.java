package dev.ledgerstream.ingest.payment;

/** Which serialization of the body a valid signature covered (SPEC 3.1). */
public enum SignatureForm {
    /** Keys sorted at every depth, arrays kept: the form the contract names. */
    CANONICAL,
    /** The provider's documentation sample, which turns arrays into index-keyed objects. */
    DOCS_SAMPLE,
    /**
     * Not a signature: the answer of the provider's payment-status API, fetched by the stuck-payment
     * recovery over TLS with our API key (ADR 0016), in its canonical form.
     */
    STATUS_API
}
