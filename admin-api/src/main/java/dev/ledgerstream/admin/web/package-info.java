/**
 * The HTTP conventions every endpoint shares: RFC 9457 problems mapped in one place
 * ({@code ApiProblem}, {@code ProblemHandler}), strict parameter parsing, time windows and keyset
 * pagination ({@code PageCursor}, {@code Page}). No endpoint and no SQL lives here.
 */
package dev.ledgerstream.admin.web;
