/**
 * The admin API application. Features live in sub-packages ({@code usage}, {@code billing},
 * {@code payments}, {@code conservation}, {@code platform}, {@code export}); the tenant-scoped
 * database session in {@code tenant}, authentication in {@code auth}, problem details and paging in
 * {@code web}, health and metrics in {@code ops}, and the Spring wiring in {@code config}. Nothing
 * but the entry point lives here.
 */
package dev.ledgerstream.admin;
