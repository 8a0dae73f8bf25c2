/**
 * What a service's readiness asks of its dependencies: {@link dev.ledgerstream.servicekit.health.KafkaProbe}.
 * Each service decides what makes it ready; the probes only answer.
 */
package dev.ledgerstream.servicekit.health;
