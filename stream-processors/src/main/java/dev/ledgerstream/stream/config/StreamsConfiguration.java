package dev.ledgerstream.stream.config;

import dev.ledgerstream.schemas.TopicProvisioning;
import dev.ledgerstream.schemas.TopicSpec;
import dev.ledgerstream.schemas.Topics;
import dev.ledgerstream.servicekit.kafka.KafkaClientSecurity;
import dev.ledgerstream.servicekit.kafka.KafkaSecurityConfiguration;
import dev.ledgerstream.stream.LedgerSettings;
import dev.ledgerstream.stream.LedgerTopology;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** Wires the Kafka Streams application from {@link StreamProperties}. */
@Configuration(proxyBeanMethods = false)
@Import(KafkaSecurityConfiguration.class)
@EnableConfigurationProperties(StreamProperties.class)
class StreamsConfiguration {

    private static final Logger log = LoggerFactory.getLogger(StreamsConfiguration.class);

    @Bean
    LedgerSettings ledgerSettings(StreamProperties properties) {
        return new LedgerSettings(properties.applicationId(), properties.kafkaBootstrapServers(),
                properties.partitions(), properties.replicationFactor(), properties.standbyReplicas(),
                properties.streamThreads(), properties.stateDir(),
                properties.lotTtlDays() == 0 ? null : Duration.ofDays(properties.lotTtlDays()),
                properties.expiryInterval(), properties.orderGrace(), properties.stateMemory().toBytes());
    }

    @Bean
    KafkaStreams kafkaStreams(LedgerSettings settings, StreamProperties properties, KafkaClientSecurity security,
            MeterRegistry registry) {
        try (Admin admin = Admin.create(security.addTo(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                properties.kafkaBootstrapServers())))) {
            if (properties.createTopics()) {
                TopicProvisioning.ensure(admin, Topics.all());
            }
            requireCoPartitioned(admin, settings.partitions());
        }
        StreamsBuilder builder = new StreamsBuilder();
        LedgerTopology.build(builder, settings, registry);
        Properties config = LedgerTopology.config(settings, registry);
        // Kafka Streams hands these to every client it makes (consumers, producers, its admin client).
        config.putAll(security.clientProperties());
        Topology topology = builder.build(config);
        log.info("ledger topology:\n{}", topology.describe());
        KafkaStreams streams = new KafkaStreams(topology, config);
        // An exception that escapes the dead-letter handlers is an infrastructure failure: stop this
        // instance (health turns DOWN, the orchestrator restarts it) rather than spin on it.
        streams.setUncaughtExceptionHandler(exception -> {
            log.error("Kafka Streams failed; shutting this instance down", exception);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        new KafkaStreamsMetrics(streams).bindTo(registry);
        return streams;
    }

    /**
     * A community's notifications, usage and operators' actions must meet in the same task (ADR 0011,
     * 0015), so the raw topics need the same number of partitions, and the broker's append time as their timestamps.
     */
    private static void requireCoPartitioned(Admin admin, int partitions) {
        List<String> inputs = Topics.communityInputs().stream().map(TopicSpec::name).toList();
        try {
            var described = admin.describeTopics(inputs).allTopicNames().get(30, TimeUnit.SECONDS);
            for (String topic : inputs) {
                int actual = described.get(topic).partitions().size();
                if (actual != partitions) {
                    throw new IllegalStateException(topic + " has " + actual + " partitions but ledgerstream.stream.partitions is "
                            + partitions + ": they must be equal, or a community's payments and usage meet in different tasks");
                }
            }
            ConfigResource[] resources = inputs.stream().map(topic -> new ConfigResource(ConfigResource.Type.TOPIC, topic))
                    .toArray(ConfigResource[]::new);
            var configs = admin.describeConfigs(List.of(resources)).all().get(30, TimeUnit.SECONDS);
            for (ConfigResource resource : resources) {
                String type = configs.get(resource).get("message.timestamp.type").value();
                if (!"LogAppendTime".equals(type)) {
                    throw new IllegalStateException(resource.name() + " has message.timestamp.type=" + type
                            + ": it must be LogAppendTime, the broker's append time that orders a community's payments"
                            + " and usage (ADR 0011; kafka-configs --alter --add-config message.timestamp.type=LogAppendTime)");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking " + inputs, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot describe " + inputs + " (do they exist? create-topics=false): " + e, e);
        }
    }

    @Bean
    StreamsLifecycle streamsLifecycle(KafkaStreams streams, StreamProperties properties) {
        return new StreamsLifecycle(streams, properties.shutdownTimeout());
    }
}
