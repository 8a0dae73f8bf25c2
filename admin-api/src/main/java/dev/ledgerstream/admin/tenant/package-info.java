/**
 * The tenant-scoped database session: every read in a read-only transaction acting as the reader
 * role, with the community set by {@code SET LOCAL} so that row-level security enforces the tenant
 * boundary ({@code TenantReads}), and the shared JDBC value conversions. No feature's SQL lives here.
 */
package dev.ledgerstream.admin.tenant;
