/**
 * Operating the admin API: health and readiness, Prometheus metrics and the meters themselves
 * (request latency by endpoint). No business endpoint lives here.
 */
package dev.ledgerstream.admin.ops;
