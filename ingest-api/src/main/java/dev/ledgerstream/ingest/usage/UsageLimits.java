package dev.ledgerstream.ingest.usage;

/**
 * The size limits of a usage request.
 *
 * @param maxBytes  largest body in bytes (413 beyond)
 * @param maxEvents most events in one batch (400 beyond)
 */
public record UsageLimits(int maxBytes, int maxEvents) {
}
