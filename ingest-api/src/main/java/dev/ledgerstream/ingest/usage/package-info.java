/**
 * The usage finalization endpoint (SPEC 3.2): request parsing and all-or-nothing validation, the
 * token's scope and community checks, and producing to {@code usage.finalizations.v1}. Token
 * verification itself is in the {@code jwt-auth} module.
 */
package dev.ledgerstream.ingest.usage;
