/** The {@code ./ledgerstream check} command: go/no-go against a running deployment (issue 15). */
package dev.ledgerstream.local.check;
