/**
 * Operating the ingest API: health and readiness, Prometheus metrics and the meters themselves.
 * No request handling of the business endpoints lives here.
 */
package dev.ledgerstream.ingest.ops;
