package dev.ledgerstream.local.services;

import java.util.Objects;

/**
 * What the services are given: where Kafka is, and the secrets and key sources of SPEC 9, either
 * from the environment or generated for development. Grows with the database (URL, user,
 * password) and the admin token settings.
 *
 * @param kafkaBootstrapServers the broker(s), {@code host:port[,host:port…]}
 * @param ipnSecret             the NOWPayments IPN HMAC key
 * @param usageJwksUrl          where the usage publishers' public keys are
 * @param usageJwtIssuer        the usage tokens' required {@code iss}
 * @param usageJwtAudience      the audience usage tokens must contain
 * @param databaseUrl           the ledger database, {@code jdbc:postgresql://…}
 * @param databaseUser          the login that migrates and writes the ledger
 * @param databasePassword      its password
 * @param adminJwksUrl          where the admin tokens' public keys are
 * @param adminJwtIssuer        the admin tokens' required {@code iss}
 * @param adminJwtAudience      the audience admin tokens must contain
 */
public record ServiceWiring(
        String kafkaBootstrapServers,
        String ipnSecret,
        String usageJwksUrl,
        String usageJwtIssuer,
        String usageJwtAudience,
        String databaseUrl,
        String databaseUser,
        String databasePassword,
        String adminJwksUrl,
        String adminJwtIssuer,
        String adminJwtAudience) {

    public ServiceWiring {
        Objects.requireNonNull(kafkaBootstrapServers, "kafkaBootstrapServers");
        Objects.requireNonNull(ipnSecret, "ipnSecret");
        Objects.requireNonNull(usageJwksUrl, "usageJwksUrl");
        Objects.requireNonNull(usageJwtIssuer, "usageJwtIssuer");
        Objects.requireNonNull(usageJwtAudience, "usageJwtAudience");
        Objects.requireNonNull(databaseUrl, "databaseUrl");
        Objects.requireNonNull(databaseUser, "databaseUser");
        Objects.requireNonNull(databasePassword, "databasePassword");
        Objects.requireNonNull(adminJwksUrl, "adminJwksUrl");
        Objects.requireNonNull(adminJwtIssuer, "adminJwtIssuer");
        Objects.requireNonNull(adminJwtAudience, "adminJwtAudience");
    }

    /** Never prints the secret. */
    @Override
    public String toString() {
        return "ServiceWiring[kafkaBootstrapServers=" + kafkaBootstrapServers + ", ipnSecret=***, usageJwksUrl="
                + usageJwksUrl + ", usageJwtIssuer=" + usageJwtIssuer + ", usageJwtAudience=" + usageJwtAudience
                + ", databaseUrl=" + databaseUrl + ", databaseUser=" + databaseUser + ", databasePassword=***"
                + ", adminJwksUrl=" + adminJwksUrl + ", adminJwtIssuer=" + adminJwtIssuer + ", adminJwtAudience="
                + adminJwtAudience + "]";
    }
}
