/**
 * The records of the raw input topics written by the ingest API: verified IPNs, quarantined IPNs
 * and usage finalizations. They are the source of truth for replays, so their shape only grows
 * by optional fields within a major version. Validation of HTTP input lives in the ingest API.
 */
package dev.ledgerstream.schemas.ingest;
