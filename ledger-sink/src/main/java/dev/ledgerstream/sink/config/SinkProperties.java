package dev.ledgerstream.sink.config;

import dev.ledgerstream.servicekit.DatabaseUrl;
import dev.ledgerstream.servicekit.MissingSettingException;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Every setting of the ledger sink ({@code ledgerstream.sink.*}); the SPEC 9 variables are mapped in
 * {@code ledger-sink.yml}. A missing database setting stops start-up with one line naming the
 * variable ({@link MissingSettingException}).
 *
 * @param kafkaBootstrapServers    Kafka brokers ({@code KAFKA_BOOTSTRAP_SERVERS})
 * @param databaseUrl              PostgreSQL, {@code jdbc:postgresql://…} or {@code postgres://user:password@host:port/db} ({@code DATABASE_URL})
 * @param databaseUser             login that runs the migrations, and the writes unless a writer login is set ({@code DATABASE_USER})
 * @param databasePassword         its password ({@code DATABASE_PASSWORD})
 * @param writerUser               optional separate login for the writes, a member of ledger_writer ({@code DATABASE_WRITER_USER})
 * @param writerPassword           its password ({@code DATABASE_WRITER_PASSWORD})
 * @param groupId                  Kafka consumer group; instances sharing it share the partitions
 * @param consumers                consumer threads per instance, each with its own database session
 * @param batchMaxRecords          most records per batch (one poll, one database transaction)
 * @param pollTimeout              longest wait of one poll for records
 * @param writeAttempts            tries of one batch before consumption pauses until PostgreSQL answers
 * @param retryBackoffInitial      wait before the first retry; doubles with every consecutive failure
 * @param retryBackoffMax          longest wait between retries and between probes during an outage
 * @param databaseConnectTimeout   longest wait for a database connection
 * @param databaseStatementTimeout longest a statement may run before PostgreSQL cancels it
 * @param commitTimeout            longest wait for an offset commit
 * @param deadLetterTimeout        longest wait for the broker to acknowledge dead letters
 * @param lagInterval              how often consumer lag is measured
 * @param shutdownTimeout          how long a graceful stop may take
 * @param migrate                  run the Flyway migrations at start-up (SPEC 6)
 * @param migrationConnectRetries  attempts to reach PostgreSQL for the migrations at start-up
 * @param createTopics             create missing catalog topics at start-up (local mode, tests)
 */
@Validated
@ConfigurationProperties("ledgerstream.sink")
public record SinkProperties(
        @NotBlank String kafkaBootstrapServers,
        String databaseUrl,
        String databaseUser,
        String databasePassword,
        String writerUser,
        String writerPassword,
        @DefaultValue("ledgerstream-ledger-sink") @NotBlank String groupId,
        @DefaultValue("1") @Min(1) @Max(64) int consumers,
        @DefaultValue("2000") @Min(1) @Max(100_000) int batchMaxRecords,
        @DefaultValue("500ms") @NotNull Duration pollTimeout,
        @DefaultValue("3") @Min(1) @Max(100) int writeAttempts,
        @DefaultValue("200ms") @NotNull Duration retryBackoffInitial,
        @DefaultValue("10s") @NotNull Duration retryBackoffMax,
        @DefaultValue("5s") @NotNull Duration databaseConnectTimeout,
        @DefaultValue("30s") @NotNull Duration databaseStatementTimeout,
        @DefaultValue("10s") @NotNull Duration commitTimeout,
        @DefaultValue("10s") @NotNull Duration deadLetterTimeout,
        @DefaultValue("5s") @NotNull Duration lagInterval,
        @DefaultValue("30s") @NotNull Duration shutdownTimeout,
        @DefaultValue("true") boolean migrate,
        @DefaultValue("10") @Min(0) @Max(1000) int migrationConnectRetries,
        @DefaultValue("false") boolean createTopics) {

    /** Never prints a password. */
    @Override
    public String toString() {
        return "SinkProperties[kafkaBootstrapServers=" + kafkaBootstrapServers + ", databaseUrl="
                + DatabaseUrl.withoutPassword(databaseUrl) + ", databaseUser=" + databaseUser + ", writerUser="
                + writerUser + ", groupId=" + groupId + ", consumers=" + consumers + ", batchMaxRecords="
                + batchMaxRecords + "]";
    }
}
