package dev.ledgerstream.ingest.config;

import dev.ledgerstream.ingest.auth.UsageAuthenticator;
import dev.ledgerstream.ingest.ops.IngestMetrics;
import dev.ledgerstream.ingest.payment.IpnIntake;
import dev.ledgerstream.ingest.payment.IpnLimits;
import dev.ledgerstream.ingest.payment.IpnVerifier;
import dev.ledgerstream.ingest.publish.EventPublisher;
import dev.ledgerstream.ingest.recovery.PaymentStatusApi;
import dev.ledgerstream.ingest.recovery.PaymentsInFlight;
import dev.ledgerstream.ingest.recovery.StuckPaymentRecovery;
import dev.ledgerstream.ingest.usage.UsageLimits;
import dev.ledgerstream.jwt.JwtSettings;
import dev.ledgerstream.jwt.JwtVerifier;
import dev.ledgerstream.jwt.JwtVerifierListener;
import dev.ledgerstream.jwt.RejectionReason;
import dev.ledgerstream.schemas.TopicProvisioning;
import dev.ledgerstream.schemas.Topics;
import dev.ledgerstream.servicekit.DatabaseUrl;
import dev.ledgerstream.servicekit.HttpsUrl;
import dev.ledgerstream.servicekit.MissingSettingException;
import dev.ledgerstream.servicekit.SettingProblem;
import dev.ledgerstream.servicekit.health.KafkaProbe;
import dev.ledgerstream.servicekit.kafka.KafkaClientSecurity;
import dev.ledgerstream.servicekit.kafka.KafkaSecurityConfiguration;
import dev.ledgerstream.servicekit.kafka.TransactionalProducers;
import dev.ledgerstream.servicekit.web.ProblemHandler;
import dev.ledgerstream.servicekit.web.RequestTimer;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Wires the ingest API: Kafka clients, verifiers, limits and metrics, all from {@link IngestProperties}. */
@Configuration(proxyBeanMethods = false)
@Import({ProblemHandler.class, KafkaSecurityConfiguration.class})
@EnableConfigurationProperties(IngestProperties.class)
class IngestConfiguration implements WebMvcConfigurer {

    private static final Logger log = LoggerFactory.getLogger(IngestConfiguration.class);

    private final IngestProperties properties;
    private final KafkaClientSecurity kafkaSecurity;
    private final MeterRegistry registry;
    private final IngestMetrics metrics;

    IngestConfiguration(IngestProperties properties, KafkaClientSecurity kafkaSecurity, MeterRegistry registry) {
        properties.requireComplete();
        this.properties = properties;
        this.kafkaSecurity = kafkaSecurity;
        this.registry = registry;
        this.metrics = new IngestMetrics(registry);
    }

    @Bean
    IngestMetrics ingestMetrics() {
        return metrics;
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    IpnVerifier ipnVerifier() {
        return new IpnVerifier(properties.ipnSecret());
    }

    @Bean
    IpnLimits ipnLimits() {
        return new IpnLimits(properties.webhookMaxBytes());
    }

    @Bean
    UsageLimits usageLimits() {
        return new UsageLimits(properties.usageMaxBytes(), properties.usageMaxEvents(), properties.usageMaxAmountMicro());
    }

    @Bean
    UsageAuthenticator usageAuthenticator(Clock clock) {
        JwtSettings settings = JwtSettings.of("USAGE", properties.usageJwksUrl(), properties.usageJwtIssuer(),
                        properties.usageJwtAudience())
                .withVerifiedTokenCacheMaxEntries(properties.tokenCacheEnabled() ? properties.tokenCacheSize() : 0);
        return new UsageAuthenticator(JwtVerifier.create(settings, jwtMetrics(metrics.registry()), clock),
                properties.retryAfter());
    }

    /**
     * The producer behind every 2xx: acks from all in-sync replicas, idempotent, and bounded so
     * that an unreachable broker becomes a 503 within about two seconds instead of a hang.
     */
    @Bean(destroyMethod = "")
    Producer<String, byte[]> producer() {
        Map<String, Object> config = new HashMap<>(producerConfig(properties.kafkaAckTimeout()));
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "ingest-api");
        return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    /** What both kinds of producer share: the broker, acks=all, idempotence and the bounds of an acknowledgement. */
    private Map<String, Object> producerConfig(Duration ack) {
        return kafkaSecurity.addTo(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) Math.max(500, ack.toMillis() / 2),
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(500, ack.toMillis() - 500),
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) ack.toMillis() + 5,
                // A short linger lets concurrent requests share a produce request without adding visible latency.
                ProducerConfig.LINGER_MS_CONFIG, 2));
    }

    @Bean(destroyMethod = "close")
    Admin kafkaAdmin() {
        return Admin.create(kafkaSecurity.addTo(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, properties.kafkaBootstrapServers(),
                AdminClientConfig.CLIENT_ID_CONFIG, "ingest-api-admin",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2000)));
    }

    @Bean
    KafkaProbe kafkaProbe(Admin admin) {
        return new KafkaProbe(admin, Duration.ofSeconds(1));
    }

    static final int BATCH_TRANSACTION_TIMEOUT_MS = 10_000;

    /**
     * The transactional producers of usage batches (ADR 0013), each with a transactional id of
     * this process's own: ingest never reads, so nothing needs fencing across restarts, and a
     * transaction a dead process left open is aborted by the broker after
     * {@value #BATCH_TRANSACTION_TIMEOUT_MS} ms (read_committed readers of its partitions wait that long).
     */
    @Bean(destroyMethod = "")
    TransactionalProducers batchProducers() {
        Duration ack = properties.kafkaAckTimeout();
        return new TransactionalProducers(properties.batchProducers(), TransactionalProducers.factory(
                producerConfig(ack), "ingest-api-" + UUID.randomUUID(),
                Duration.ofMillis(BATCH_TRANSACTION_TIMEOUT_MS), ack));
    }

    @Bean
    EventPublisher eventPublisher(Producer<String, byte[]> producer, TransactionalProducers batchProducers) {
        return new EventPublisher(producer, batchProducers, properties.kafkaAckTimeout(), properties.retryAfter());
    }

    @Bean
    IpnIntake ipnIntake(EventPublisher publisher) {
        return new IpnIntake(publisher, metrics);
    }

    /**
     * The stuck-payment recovery (ADR 0016) when {@code NOWPAYMENTS_API_KEY} is set; otherwise none,
     * and one line at start-up says so.
     */
    @Bean(destroyMethod = "close")
    AutoCloseable stuckPaymentRecovery(IpnIntake intake, Clock clock) {
        if (!properties.recoveryEnabled()) {
            log.info("stuck-payment recovery is off: NOWPAYMENTS_API_KEY is not set, so a payment whose webhook"
                    + " was missed waits for the next one");
            return () -> { };
        }
        PaymentsInFlight inFlight;
        try {
            DatabaseUrl url = DatabaseUrl.parse(properties.databaseUrl());
            inFlight = new PaymentsInFlight(url.jdbcUrl(), url.loginUser(properties.databaseUser()),
                    url.loginPassword(properties.databasePassword()), properties.databaseRole(),
                    properties.recoveryTimeout());
        } catch (SettingProblem problem) {
            throw new MissingSettingException(problem);
        }
        URI api;
        try {
            api = HttpsUrl.require("NOWPAYMENTS_API_URL", URI.create(properties.nowpaymentsApiUrl().strip()));
        } catch (SettingProblem problem) {
            throw new MissingSettingException(problem);
        } catch (IllegalArgumentException e) {
            throw new MissingSettingException("NOWPAYMENTS_API_URL", "is not a valid URL");
        }
        StuckPaymentRecovery recovery = new StuckPaymentRecovery(inFlight,
                new PaymentStatusApi(api, properties.nowpaymentsApiKey(), properties.recoveryTimeout()), intake, clock,
                new StuckPaymentRecovery.Settings(properties.recoveryPeriod(), properties.recoveryAge(),
                        properties.recoveryBatch()), metrics.registry());
        recovery.start();
        return recovery;
    }

    @Bean
    ProducerShutdown producerShutdown(Producer<String, byte[]> producer, TransactionalProducers batchProducers) {
        return new ProducerShutdown(producer, batchProducers);
    }

    @Bean
    TopicsAtStartup topicsAtStartup(Admin admin) {
        return new TopicsAtStartup(admin, properties.createTopics());
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new RequestTimer(this.registry, "ingest.requests",
                "Ingest requests by endpoint and HTTP status, with their latency"));
    }

    private static JwtVerifierListener jwtMetrics(MeterRegistry registry) {
        return new JwtVerifierListener() {
            @Override
            public void jwksRefreshed() {
                registry.counter("ingest.jwks.refreshes").increment();
            }

            @Override
            public void cacheHit() {
                registry.counter("ingest.token.cache", "result", "hit").increment();
            }

            @Override
            public void cacheMiss() {
                registry.counter("ingest.token.cache", "result", "miss").increment();
            }

            @Override
            public void rejected(RejectionReason reason) {
                registry.counter("ingest.token.rejections", "reason", reason.code()).increment();
            }
        };
    }

    /** Creates missing catalog topics when configured to (local mode, tests); production uses Terraform. */
    record TopicsAtStartup(Admin admin, boolean enabled) {
        TopicsAtStartup {
            if (enabled) {
                TopicProvisioning.ensure(admin, Topics.all());
            }
        }
    }
}
