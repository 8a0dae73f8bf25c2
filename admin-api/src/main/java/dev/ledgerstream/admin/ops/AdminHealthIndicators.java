package dev.ledgerstream.admin.ops;

import dev.ledgerstream.admin.tenant.TenantReads;
import dev.ledgerstream.servicekit.health.DependencyHealth;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The admin API's health component {@code database}: PostgreSQL answers a read as the reader role,
 * which also proves the login may act as it. Readiness ({@code /health/ready}) is {@code database};
 * liveness ({@code /health}) is the process answering: a database that does not answer is
 * {@link DependencyHealth#UNREACHABLE}, which {@code admin-api.yml} ranks below UP there, since the
 * API waits out an outage (answering 503 with {@code Retry-After}) rather than be replaced.
 */
@Configuration(proxyBeanMethods = false)
class AdminHealthIndicators {

    private static final Logger log = LoggerFactory.getLogger(AdminHealthIndicators.class);

    @Bean("database")
    HealthIndicator databaseHealth(TenantReads reads) {
        return () -> DependencyHealth.of(answers(reads), "PostgreSQL does not answer the reader's login");
    }

    private static boolean answers(TenantReads reads) {
        try {
            return reads.platformWide(connection -> {
                try (PreparedStatement statement = connection.prepareStatement("SELECT 1");
                        ResultSet rows = statement.executeQuery()) {
                    return rows.next();
                }
            });
        } catch (RuntimeException e) {
            log.warn("readiness: the database does not answer: {}", e.getMessage());
            return false;
        }
    }
}
