package dev.ledgerstream.ingest.config;

import dev.ledgerstream.servicekit.DatabaseUrl;
import dev.ledgerstream.servicekit.MissingSettingException;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Every setting of the ingest API. The secrets and key sources come from the SPEC 9 environment
 * variables (mapped in {@code ingest-api.yml}); a missing one stops start-up with one line that
 * names the variable ({@link MissingSettingException}).
 *
 * @param ipnSecret             NOWPayments IPN HMAC key ({@code NOWPAYMENTS_IPN_SECRET}), whitespace trimmed
 * @param kafkaBootstrapServers Kafka brokers ({@code KAFKA_BOOTSTRAP_SERVERS})
 * @param usageJwksUrl          where the usage publishers' keys are ({@code USAGE_JWKS_URL})
 * @param usageJwtIssuer        the required {@code iss} of usage tokens ({@code USAGE_JWT_ISSUER})
 * @param usageJwtAudience      the audience usage tokens must contain ({@code USAGE_JWT_AUDIENCE})
 * @param webhookMaxBytes       largest accepted IPN body (413 beyond)
 * @param usageMaxBytes         largest accepted usage body (413 beyond)
 * @param usageMaxEvents        most events in one usage batch
 * @param usageMaxAmountMicro   largest {@code amount_micro} of one usage event (400 beyond)
 * @param kafkaAckTimeout       how long a request waits for Kafka's acknowledgement before a 503
 * @param batchProducers        transactional producers for usage batches: batches in flight at once (ADR 0013)
 * @param retryAfter            the Retry-After given with a 503
 * @param tokenCacheEnabled     whether verified usage tokens are cached until they expire
 * @param tokenCacheSize        most verified tokens kept in that cache
 * @param createTopics          create missing catalog topics at start-up (local mode, tests)
 * @param nowpaymentsApiKey     the provider's API key ({@code NOWPAYMENTS_API_KEY}); the stuck-payment
 *                              recovery runs only when it is set (ADR 0016)
 * @param nowpaymentsApiUrl     the provider's API ({@code NOWPAYMENTS_API_URL})
 * @param recoveryPeriod        how often the recovery asks about stuck payments
 * @param recoveryAge           how long a payment's status must have stood still to be asked about
 * @param recoveryBatch         most payments asked about in one run
 * @param recoveryTimeout       longest wait for one answer of the provider
 * @param databaseUrl           where the recovery finds stuck payments ({@code DATABASE_URL}; required with the key)
 * @param databaseUser          its login, a member of {@code databaseRole} ({@code DATABASE_USER})
 * @param databasePassword      its password ({@code DATABASE_PASSWORD})
 * @param databaseRole          the role the recovery reads as: it calls a {@code platform} function (V10)
 */
@Validated
@ConfigurationProperties("ledgerstream.ingest")
public record IngestProperties(
        String ipnSecret,
        @NotNull String kafkaBootstrapServers,
        String usageJwksUrl,
        String usageJwtIssuer,
        String usageJwtAudience,
        @DefaultValue("65536") @Positive int webhookMaxBytes,
        @DefaultValue("1048576") @Positive int usageMaxBytes,
        @DefaultValue("1000") @Positive int usageMaxEvents,
        @DefaultValue("1000000000000") @Positive long usageMaxAmountMicro,
        @DefaultValue("2s") @NotNull Duration kafkaAckTimeout,
        @DefaultValue("4") @Positive int batchProducers,
        @DefaultValue("5s") @NotNull Duration retryAfter,
        @DefaultValue("true") boolean tokenCacheEnabled,
        @DefaultValue("10000") @Positive int tokenCacheSize,
        @DefaultValue("false") boolean createTopics,
        String nowpaymentsApiKey,
        @DefaultValue("https://api.nowpayments.io") @NotNull String nowpaymentsApiUrl,
        @DefaultValue("5m") @NotNull Duration recoveryPeriod,
        @DefaultValue("20m") @NotNull Duration recoveryAge,
        @DefaultValue("100") @Positive int recoveryBatch,
        @DefaultValue("10s") @NotNull Duration recoveryTimeout,
        String databaseUrl,
        String databaseUser,
        String databasePassword,
        @DefaultValue("ledger_platform_reader") @NotNull String databaseRole) {

    /** Throws {@link MissingSettingException} naming the first missing required variable. */
    public void requireComplete() {
        require(ipnSecret, "NOWPAYMENTS_IPN_SECRET");
        require(usageJwksUrl, "USAGE_JWKS_URL");
        require(usageJwtIssuer, "USAGE_JWT_ISSUER");
        require(usageJwtAudience, "USAGE_JWT_AUDIENCE");
        if (recoveryEnabled()) {
            require(databaseUrl, "DATABASE_URL");
        }
    }

    /** True when {@code NOWPAYMENTS_API_KEY} is set: the stuck-payment recovery runs. */
    public boolean recoveryEnabled() {
        return nowpaymentsApiKey != null && !nowpaymentsApiKey.isBlank();
    }

    /** Never prints a secret. */
    @Override
    public String toString() {
        return "IngestProperties[kafkaBootstrapServers=" + kafkaBootstrapServers + ", usageJwksUrl=" + usageJwksUrl
                + ", usageJwtIssuer=" + usageJwtIssuer + ", usageJwtAudience=" + usageJwtAudience
                + ", nowpaymentsApiUrl=" + nowpaymentsApiUrl + ", recovery=" + (recoveryEnabled() ? "on" : "off")
                + ", databaseUrl=" + DatabaseUrl.withoutPassword(databaseUrl) + ", databaseUser=" + databaseUser + "]";
    }

    private static void require(String value, String variable) {
        if (value == null || value.isBlank()) {
            throw new MissingSettingException(variable);
        }
    }
}
