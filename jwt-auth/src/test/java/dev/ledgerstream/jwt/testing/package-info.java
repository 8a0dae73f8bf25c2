/**
 * Test helpers published in the {@code jwt-auth} test-jar for the ingest-api and admin-api tests:
 * EC and RSA test keys, a token minter for valid tokens and classic forgeries, a counting JWKS
 * server on 127.0.0.1 and a hand-moved clock. Nothing here is used in production code, and the
 * attack tests of this module are not part of the test-jar.
 */
package dev.ledgerstream.jwt.testing;
