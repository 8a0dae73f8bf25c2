/**
 * The {@code demo} command: traffic a running local mode's users would send, and what the admin
 * API reports back. It talks to the services over HTTP only, like a real client.
 */
package dev.ledgerstream.local.demo;
