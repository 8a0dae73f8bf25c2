/**
 * Spring wiring of the ingest API: the properties record, the beans built from it, start-up
 * checks and shutdown ordering. No request handling lives here.
 */
package dev.ledgerstream.ingest.config;
