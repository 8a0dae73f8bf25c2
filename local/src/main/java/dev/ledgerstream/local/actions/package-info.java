/** The {@code ./ledgerstream action} command: operators' actions through the admin API (SPEC 5.5). */
package dev.ledgerstream.local.actions;
