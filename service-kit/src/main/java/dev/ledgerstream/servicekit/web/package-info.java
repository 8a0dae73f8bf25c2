/**
 * The HTTP error shape every web service answers with (SPEC 3, 7): {@link
 * dev.ledgerstream.servicekit.web.ApiProblem}, thrown by endpoints, and {@link
 * dev.ledgerstream.servicekit.web.ProblemHandler}, the one mapping to RFC 9457
 * {@code application/problem+json}, which each web service imports into its configuration. No
 * endpoint lives here.
 */
package dev.ledgerstream.servicekit.web;
