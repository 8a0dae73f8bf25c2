/**
 * Spring wiring of the ledger sink: the properties record and the SPEC 9 variables, start-up checks
 * (a missing database setting stops start-up with one line naming it), migrations before the first
 * consumer starts, and the sink's lifecycle (graceful stop). No ledger logic lives here.
 */
package dev.ledgerstream.sink.config;
