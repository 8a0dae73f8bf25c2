package dev.ledgerstream.admin.config;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.ledgerstream.admin.actions.ActionPublisher;
import dev.ledgerstream.admin.actions.ChargingModeGauges;
import dev.ledgerstream.admin.auth.AdminAuthenticator;
import dev.ledgerstream.admin.auth.AuthenticationInterceptor;
import dev.ledgerstream.admin.auth.PrincipalArgumentResolver;
import dev.ledgerstream.admin.export.ExportPermits;
import dev.ledgerstream.admin.ops.AdminMetrics;
import dev.ledgerstream.admin.platform.ReconciliationGauges;
import dev.ledgerstream.admin.tenant.TenantReads;
import dev.ledgerstream.admin.web.ReadLimits;
import dev.ledgerstream.admin.web.SecurityHeaders;
import dev.ledgerstream.jwt.JwtSettings;
import dev.ledgerstream.jwt.JwtVerifier;
import dev.ledgerstream.jwt.JwtVerifierListener;
import dev.ledgerstream.jwt.RejectionReason;
import dev.ledgerstream.servicekit.kafka.KafkaClientSecurity;
import dev.ledgerstream.servicekit.kafka.KafkaSecurityConfiguration;
import dev.ledgerstream.servicekit.DatabaseUrl;
import dev.ledgerstream.servicekit.MissingSettingException;
import dev.ledgerstream.servicekit.SettingProblem;
import dev.ledgerstream.servicekit.web.ProblemHandler;
import dev.ledgerstream.servicekit.web.RequestTimer;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.PropertyNamingStrategies;

/**
 * Wires the admin API from {@link AdminProperties}: the admin token verifier, the reader's
 * connection pool and tenant-scoped reads, the limits, and the interceptors that time and
 * authenticate every admin request. A missing required setting stops start-up here.
 */
@Configuration(proxyBeanMethods = false)
@Import({ProblemHandler.class, KafkaSecurityConfiguration.class})
@EnableConfigurationProperties(AdminProperties.class)
class AdminConfiguration {

    /** Every admin endpoint: each one needs a verified token before its handler runs. */
    static final String ADMIN_PATHS = "/api/v1/admin/**";

    private final AdminProperties properties;
    private final MeterRegistry registry;
    private final AdminMetrics metrics;

    AdminConfiguration(AdminProperties properties, MeterRegistry registry) {
        properties.requireComplete();
        this.properties = properties;
        this.registry = registry;
        this.metrics = new AdminMetrics(registry);
    }

    @Bean
    AdminMetrics adminMetrics() {
        return metrics;
    }

    /**
     * SPEC 7's field names ({@code balance_micro}, {@code by_pool}, {@code next_cursor}) from the
     * records' Java names: part of the contract, so in code beside the records rather than in a file.
     */
    @Bean
    JsonMapperBuilderCustomizer snakeCaseJson() {
        return builder -> builder.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    }

    /** The dashboard's and the API's security headers, on every answer including errors (before all other filters). */
    @Bean
    FilterRegistrationBean<SecurityHeaders> securityHeaders() {
        FilterRegistrationBean<SecurityHeaders> registration = new FilterRegistrationBean<>(new SecurityHeaders());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    AdminAuthenticator adminAuthenticator(Clock clock) {
        JwtSettings settings;
        try {
            settings = JwtSettings.of("ADMIN", properties.jwksUrl(), properties.jwtIssuer(), properties.jwtAudience())
                    .withVerifiedTokenCacheMaxEntries(properties.tokenCacheSize());
        } catch (IllegalArgumentException e) {
            // JwtSettings names the variable first in its message, e.g. "ADMIN_JWKS_URL must use https …".
            String message = e.getMessage();
            int space = message.indexOf(' ');
            throw new MissingSettingException(message.substring(0, space), message.substring(space + 1));
        }
        return new AdminAuthenticator(JwtVerifier.create(settings, jwtMetrics(metrics), clock), properties.retryAfter());
    }

    /**
     * The pool of the reader's login. Every connection starts a read-only, repeatable-read
     * transaction (autocommit off), which {@link TenantReads} scopes; no connection is opened at start-up, so the API starts
     * while PostgreSQL is still coming up and reports that through {@code /health/ready}.
     */
    @Bean(destroyMethod = "close")
    HikariDataSource readerPool() {
        DatabaseUrl url;
        String user;
        try {
            url = DatabaseUrl.parse(properties.databaseUrl());
            user = url.loginUser(properties.databaseUser());
        } catch (SettingProblem problem) {
            throw new MissingSettingException(problem);
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName("admin-api-reader");
        config.setJdbcUrl(url.jdbcUrl());
        config.setUsername(user);
        config.setPassword(url.loginPassword(properties.databasePassword()));
        config.setMaximumPoolSize(properties.poolMaxConnections());
        config.setMinimumIdle(Math.min(2, properties.poolMaxConnections()));
        config.setConnectionTimeout(Math.max(250, properties.databaseConnectTimeout().toMillis()));
        config.setInitializationFailTimeout(-1);
        config.setAutoCommit(false);
        config.setReadOnly(true);
        // One snapshot per request: a summary's statements (lots, burn, transactions) agree with each
        // other even while the sink commits between them. Read-only, so it never fails to serialize.
        config.setTransactionIsolation("TRANSACTION_REPEATABLE_READ");
        config.addDataSourceProperty("ApplicationName", "ledgerstream-admin-api");
        config.addDataSourceProperty("connectTimeout", Math.max(1, properties.databaseConnectTimeout().toSeconds()));
        return new HikariDataSource(config);
    }

    /** The producer of operators' actions; it connects to Kafka on the first action, so reads never wait for it. */
    @Bean(destroyMethod = "close")
    ActionPublisher actionPublisher(KafkaClientSecurity kafkaSecurity) {
        return ActionPublisher.create(properties.kafkaBootstrapServers(), kafkaSecurity, properties.actionAckTimeout(),
                properties.retryAfter());
    }

    @Bean
    TenantReads tenantReads(HikariDataSource readerPool) {
        return new TenantReads(readerPool, properties.readerRole(), properties.platformRole(), properties.queryTimeout(), properties.exportTimeout(),
                properties.retryAfter());
    }

    /** The latest reconciliation run on /metrics, read at most every 5 s (a scrape is every 10–15 s). */
    @Bean
    ReconciliationGauges reconciliationGauges(TenantReads reads, MeterRegistry registry, Clock clock) {
        return new ReconciliationGauges(reads, registry, clock, Duration.ofSeconds(5));
    }

    /** The charging switch on /metrics, read at most every 5 s. */
    @Bean
    ChargingModeGauges chargingModeGauges(TenantReads reads, MeterRegistry registry, Clock clock) {
        return new ChargingModeGauges(reads, registry, clock, Duration.ofSeconds(5));
    }

    @Bean
    ExportPermits exportPermits() {
        return new ExportPermits(properties.exportMaxConcurrent(), properties.exportMaxPerCommunity(),
                properties.retryAfter());
    }

    @Bean
    ReadLimits readLimits() {
        return new ReadLimits(properties.pageDefaultLimit(), properties.pageMaxLimit(), properties.recentRows(),
                properties.breakdownMaxRows(), properties.usageDefaultDays(), properties.maxWindowDays(),
                properties.exportDefaultDays(), properties.exportMaxDays(), properties.burnWindowDays(),
                properties.exportFetchSize());
    }

    /** Times every request, authenticates every admin request, and hands handlers their principal. */
    @Bean
    WebMvcConfigurer adminRequests(AdminAuthenticator authenticator) {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                // Timing first, so that refused requests are timed too.
                registry.addInterceptor(new RequestTimer(AdminConfiguration.this.registry, "admin.requests",
                        "Admin API requests by endpoint and HTTP status, with their latency"));
                registry.addInterceptor(new AuthenticationInterceptor(authenticator)).addPathPatterns(ADMIN_PATHS);
            }

            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new PrincipalArgumentResolver());
            }
        };
    }

    private static JwtVerifierListener jwtMetrics(AdminMetrics metrics) {
        return new JwtVerifierListener() {
            @Override
            public void jwksRefreshed() {
                metrics.jwksRefreshed();
            }

            @Override
            public void cacheHit() {
                metrics.tokenCache("hit");
            }

            @Override
            public void cacheMiss() {
                metrics.tokenCache("miss");
            }

            @Override
            public void rejected(RejectionReason reason) {
                metrics.tokenRejected(reason.code());
            }
        };
    }
}
