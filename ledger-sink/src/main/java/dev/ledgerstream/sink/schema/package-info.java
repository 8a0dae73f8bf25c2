/**
 * The ledger's schema: the Flyway migrations under {@code db/ledger} (roles, tables, the
 * append-only and forward-only triggers, row-level security, grants, the platform read functions;
 * see {@code docs/ledger-schema.md}) and {@link dev.ledgerstream.sink.schema.LedgerMigrations},
 * which applies them. No writing of ledger records here.
 */
package dev.ledgerstream.sink.schema;
