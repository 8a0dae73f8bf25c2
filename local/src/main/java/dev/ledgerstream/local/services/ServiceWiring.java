package dev.ledgerstream.local.services;

import java.util.Objects;

/**
 * What the services are given: where Kafka is, and the secrets and key sources of SPEC 9, either
 * from the environment or generated for development. Grows with the database (URL, user,
 * password) and the admin token settings when the ledger sink and the admin API join.
 *
 * @param kafkaBootstrapServers the broker(s), {@code host:port[,host:port…]}
 * @param ipnSecret             the NOWPayments IPN HMAC key
 * @param usageJwksUrl          where the usage publishers' public keys are
 * @param usageJwtIssuer        the usage tokens' required {@code iss}
 * @param usageJwtAudience      the audience usage tokens must contain
 */
public record ServiceWiring(
        String kafkaBootstrapServers,
        String ipnSecret,
        String usageJwksUrl,
        String usageJwtIssuer,
        String usageJwtAudience) {

    public ServiceWiring {
        Objects.requireNonNull(kafkaBootstrapServers, "kafkaBootstrapServers");
        Objects.requireNonNull(ipnSecret, "ipnSecret");
        Objects.requireNonNull(usageJwksUrl, "usageJwksUrl");
        Objects.requireNonNull(usageJwtIssuer, "usageJwtIssuer");
        Objects.requireNonNull(usageJwtAudience, "usageJwtAudience");
    }

    /** Never prints the secret. */
    @Override
    public String toString() {
        return "ServiceWiring[kafkaBootstrapServers=" + kafkaBootstrapServers + ", ipnSecret=***, usageJwksUrl="
                + usageJwksUrl + ", usageJwtIssuer=" + usageJwtIssuer + ", usageJwtAudience=" + usageJwtAudience + "]";
    }
}
