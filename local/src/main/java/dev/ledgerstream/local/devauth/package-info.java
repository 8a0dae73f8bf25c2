/**
 * Development credentials for local mode when the SPEC 9 variables are not set: a NOWPayments IPN
 * secret and an ES256 signing key, generated once and kept in files only their owner can read,
 * the JWKS that publishes the key's public half on 127.0.0.1, and the usage tokens signed with it.
 * Nothing here is used when the variables are set, and nothing here verifies anything: the
 * services verify exactly as they do in production.
 */
package dev.ledgerstream.local.devauth;
