package dev.ledgerstream.ingest.usage;

/**
 * The size limits of a usage request.
 *
 * @param maxBytes  largest body in bytes (413 beyond)
 * @param maxEvents most events in one batch (400 beyond)
 * @param maxAmountMicro largest {@code amount_micro} of one event (400 beyond): far above any real
 *        event, it keeps a buggy or hostile publisher from charging amounts whose sums overflow
 */
public record UsageLimits(int maxBytes, int maxEvents, long maxAmountMicro) {

    public UsageLimits {
        if (maxBytes <= 0 || maxEvents <= 0 || maxAmountMicro <= 0) {
            throw new IllegalArgumentException("usage limits must be positive");
        }
    }
}
