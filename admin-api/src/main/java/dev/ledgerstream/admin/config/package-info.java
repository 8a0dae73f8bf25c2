/**
 * Spring wiring of the admin API: the one {@code AdminProperties} record, the beans built from it
 * (token verifier, connection pool, tenant-scoped reads, limits), the interceptors, the OpenAPI
 * document and the start-up failure report for a missing setting. No request handling lives here.
 */
package dev.ledgerstream.admin.config;
