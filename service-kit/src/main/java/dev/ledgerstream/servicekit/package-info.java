/**
 * The services' shared plumbing, with no domain code: one rule in one place for what every service
 * reads the same way ({@link dev.ledgerstream.servicekit.DatabaseUrl},
 * {@link dev.ledgerstream.servicekit.HttpsUrl}) and for how it refuses to start without a setting
 * ({@link dev.ledgerstream.servicekit.MissingSettingException}, reported by Spring Boot's failure
 * analysis when the service runs on it). No Kafka, no module of ours.
 */
package dev.ledgerstream.servicekit;
