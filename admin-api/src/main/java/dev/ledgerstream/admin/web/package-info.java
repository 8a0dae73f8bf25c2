/**
 * The HTTP conventions every admin endpoint shares: strict parameter parsing, time windows and
 * keyset pagination ({@code PageCursor}, {@code Page}), read limits and security headers. Errors are
 * the chassis' RFC 9457 problems ({@code dev.ledgerstream.servicekit.web}). No endpoint and no SQL
 * lives here.
 */
package dev.ledgerstream.admin.web;
