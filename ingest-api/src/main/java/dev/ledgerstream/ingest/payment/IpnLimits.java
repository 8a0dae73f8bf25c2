package dev.ledgerstream.ingest.payment;

/**
 * The size limit of an IPN request.
 *
 * @param maxBytes largest body in bytes (413 beyond, checked before parsing)
 */
public record IpnLimits(int maxBytes) {
}
