/**
 * The platform-wide endpoints for role {@code admin}: system conservation (I-13), reconciliation
 * runs and the quarantine (quarantined IPNs, dead letters, sink rejects). They read only through
 * the ledger's {@code platform} functions, never a tenant table. Per-community views are in the
 * other feature packages.
 */
package dev.ledgerstream.admin.platform;
