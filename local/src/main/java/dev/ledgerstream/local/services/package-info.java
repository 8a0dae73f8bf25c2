/**
 * The services local mode runs in its own process once the servers are up, each given the same
 * {@link dev.ledgerstream.local.services.ServiceWiring}: today the ingest API; the stream
 * processors, the ledger sink and the admin API join here, one class each. Each service is the
 * production application started in-process with local mode's settings; none is changed for it.
 */
package dev.ledgerstream.local.services;
