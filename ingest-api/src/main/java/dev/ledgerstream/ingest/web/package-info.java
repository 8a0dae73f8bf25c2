/**
 * HTTP concerns shared by the ingest endpoints: the RFC 9457 problem type and its single mapping,
 * and size-limited body reading. Endpoint logic lives in the feature packages.
 */
package dev.ledgerstream.ingest.web;
