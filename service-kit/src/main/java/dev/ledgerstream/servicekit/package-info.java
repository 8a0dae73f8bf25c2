/**
 * The services' shared plumbing, with no domain code and no framework: one rule in one place for
 * what every service reads the same way ({@link dev.ledgerstream.servicekit.DatabaseUrl},
 * {@link dev.ledgerstream.servicekit.HttpsUrl}).
 */
package dev.ledgerstream.servicekit;
