package dev.ledgerstream.sink.config;

import dev.ledgerstream.schemas.TopicProvisioning;
import dev.ledgerstream.schemas.Topics;
import dev.ledgerstream.servicekit.kafka.KafkaClientSecurity;
import dev.ledgerstream.servicekit.kafka.KafkaSecurityConfiguration;
import dev.ledgerstream.servicekit.MissingSettingException;
import dev.ledgerstream.servicekit.SettingProblem;
import dev.ledgerstream.servicekit.health.KafkaProbe;
import dev.ledgerstream.sink.consume.LedgerSink;
import dev.ledgerstream.sink.consume.SinkHooks;
import dev.ledgerstream.sink.consume.SinkSettings;
import dev.ledgerstream.sink.ops.DatabaseProbe;
import dev.ledgerstream.sink.schema.LedgerMigrations;
import dev.ledgerstream.sink.write.DatabaseSettings;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** Wires the ledger sink from {@link SinkProperties}: migrations first, then the consumers. */
@Configuration(proxyBeanMethods = false)
@Import(KafkaSecurityConfiguration.class)
@EnableConfigurationProperties(SinkProperties.class)
class SinkConfiguration {

    /** How long a health probe may wait for PostgreSQL or Kafka. */
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    SinkDatabases sinkDatabases(SinkProperties properties) {
        return SinkDatabases.of(properties);
    }

    /** The schema is migrated (SPEC 6) before any consumer exists: a failure here stops start-up. */
    @Bean
    MigratedSchema migratedSchema(SinkDatabases databases, SinkProperties properties) {
        if (properties.migrate()) {
            LedgerMigrations.migrate(databases.migration(), properties.migrationConnectRetries(),
                    properties.retryBackoffMax());
        }
        return new MigratedSchema(properties.migrate());
    }

    @Bean(destroyMethod = "close")
    Admin kafkaAdmin(SinkProperties properties, KafkaClientSecurity kafkaSecurity) {
        Admin admin = Admin.create(kafkaSecurity.addTo(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, properties.kafkaBootstrapServers(),
                AdminClientConfig.CLIENT_ID_CONFIG, "ledger-sink-admin",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) PROBE_TIMEOUT.toMillis(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) PROBE_TIMEOUT.toMillis())));
        if (properties.createTopics()) {
            TopicProvisioning.ensure(admin, Topics.all());
        }
        return admin;
    }

    @Bean
    KafkaProbe kafkaProbe(Admin admin) {
        return new KafkaProbe(admin, PROBE_TIMEOUT);
    }

    @Bean
    DatabaseProbe databaseProbe(SinkDatabases databases) {
        return new DatabaseProbe(databases.writer(), PROBE_TIMEOUT);
    }

    @Bean
    LedgerSink ledgerSink(SinkProperties properties, KafkaClientSecurity kafkaSecurity, SinkDatabases databases,
            MigratedSchema schema, MeterRegistry registry, Clock clock) {
        SinkSettings settings = new SinkSettings(properties.kafkaBootstrapServers(), kafkaSecurity, properties.groupId(),
                "ledger-sink", properties.consumers(), properties.batchMaxRecords(), properties.pollTimeout(),
                properties.writeAttempts(), properties.retryBackoffInitial(), properties.retryBackoffMax(),
                properties.commitTimeout(), properties.deadLetterTimeout(), properties.lagInterval(),
                properties.shutdownTimeout());
        return new LedgerSink(settings, databases.writer(), registry, clock, SinkHooks.NONE);
    }

    @Bean
    SinkLifecycle sinkLifecycle(LedgerSink sink) {
        return new SinkLifecycle(sink);
    }

    /** Marks that the migrations ran (or were switched off) before the sink is built. */
    record MigratedSchema(boolean migrated) {
    }

    /**
     * The two logins: the one that migrates (owner side) and the one that writes (a member of
     * ledger_writer; the same login unless {@code DATABASE_WRITER_USER} is set).
     */
    record SinkDatabases(DatabaseSettings migration, DatabaseSettings writer) {

        static SinkDatabases of(SinkProperties properties) {
            DatabaseSettings migration;
            try {
                migration = DatabaseSettings.of(properties.databaseUrl(), properties.databaseUser(),
                        properties.databasePassword(), properties.databaseConnectTimeout(),
                        properties.databaseStatementTimeout());
            } catch (SettingProblem problem) {
                throw new MissingSettingException(problem);
            }
            String writerUser = firstSet(properties.writerUser(), null);
            DatabaseSettings writer = writerUser == null ? migration
                    : migration.as(writerUser, properties.writerPassword());
            return new SinkDatabases(migration, writer);
        }

        private static String firstSet(String value, String fallback) {
            return value == null || value.isBlank() ? fallback : value;
        }
    }
}
