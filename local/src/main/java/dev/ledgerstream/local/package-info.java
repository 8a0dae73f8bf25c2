/**
 * Local mode (SPEC 2): one process that starts the servers (an embedded Kafka broker, later an
 * embedded PostgreSQL), then the services (today the ingest API; later the stream processors,
 * the ledger sink and the admin API) on them, and stops them in reverse order on SIGTERM.
 * {@link dev.ledgerstream.local.LocalMode} is the main class behind {@code ./ledgerstream}; the
 * settings come from the SPEC 9 environment variables ({@link dev.ledgerstream.local.LocalSettings}).
 * The servers, the development credentials and the services live in the sub-packages; no
 * service logic lives anywhere in this module.
 */
package dev.ledgerstream.local;
