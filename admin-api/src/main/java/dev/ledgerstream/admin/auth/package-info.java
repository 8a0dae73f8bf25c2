/**
 * Who may read what (SPEC 7): ES256 admin tokens verified with {@code jwt-auth}, their role
 * ({@code admin}, {@code community_admin}) and community, the interceptor that authenticates every
 * admin request and the principal handed to handlers. The database-side tenant boundary is in
 * {@code tenant}; no endpoint lives here.
 */
package dev.ledgerstream.admin.auth;
