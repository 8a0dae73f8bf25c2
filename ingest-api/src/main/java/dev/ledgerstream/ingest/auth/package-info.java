/**
 * Authorization of usage publishers: bearer token extraction, scope and community restriction on
 * top of the shared ES256 verifier of the {@code jwt-auth} module. Token cryptography and JWKS
 * handling do not live here.
 */
package dev.ledgerstream.ingest.auth;
