package dev.ledgerstream.admin.config;

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
 * Every setting of the admin API ({@code ledgerstream.admin.*}); the SPEC 9 variables are mapped in
 * {@code admin-api.yml}. A missing key source or database stops start-up with one line naming
 * the variable ({@link MissingSettingException}); there is no insecure fallback.
 *
 * @param jwksUrl                where the admin tokens' keys are ({@code ADMIN_JWKS_URL})
 * @param jwtIssuer              the required {@code iss} of admin tokens ({@code ADMIN_JWT_ISSUER})
 * @param jwtAudience            the audience admin tokens must contain ({@code ADMIN_JWT_AUDIENCE})
 * @param kafkaBootstrapServers  where operators' actions are sent ({@code KAFKA_BOOTSTRAP_SERVERS})
 * @param actionAckTimeout       longest wait for the broker to acknowledge an action (then 503)
 * @param databaseUrl            PostgreSQL, {@code jdbc:postgresql://…} or {@code postgres://user:password@host:port/db} ({@code DATABASE_URL})
 * @param databaseUser           the login; it must be a member of the reader role ({@code DATABASE_USER}, or the URL's user)
 * @param databasePassword       its password ({@code DATABASE_PASSWORD}, or the URL's password)
 * @param readerRole             the role every community read acts as ({@code SET LOCAL ROLE}): neither owner nor BYPASSRLS
 * @param platformRole           the role the platform-wide reads act as: it alone may call the {@code platform}
 *                               functions (V10); the login reaches it through {@code readerRole}
 * @param poolMaxConnections     most database connections held open
 * @param databaseConnectTimeout longest wait for a connection from the pool (then 503)
 * @param queryTimeout           longest one statement of a JSON endpoint may run ({@code statement_timeout}; then 503)
 * @param exportTimeout          longest one statement of the audit export may run
 * @param exportFetchSize        rows fetched from the export's database cursor at a time
 * @param exportMaxConcurrent    most audit exports running at once in all (503 beyond); each holds a
 *                               connection, so this stays below {@code poolMaxConnections}
 * @param exportMaxPerCommunity  most audit exports of one community running at once (429 beyond)
 * @param exportDefaultDays      the audit export's window when {@code days} is not given
 * @param exportMaxDays          the largest {@code days} of the audit export
 * @param usageDefaultDays       the usage report's window when {@code from} is not given
 * @param maxWindowDays          the longest {@code from}–{@code to} window of the usage report
 * @param breakdownMaxRows       most rows of an open-ended breakdown ({@code by_nft}, {@code by_pool}) and of the lot list
 * @param pageDefaultLimit       items of a list page when {@code limit} is not given
 * @param pageMaxLimit           the largest {@code limit} of a list page
 * @param recentRows             rows of the "recent" sections of the summaries
 * @param burnWindowDays         the trailing window of the burn rate (SPEC 7: 7 days)
 * @param tokenCacheSize         verified admin tokens kept until they expire; 0 switches the cache off
 * @param retryAfter             the Retry-After given with a 503
 */
@Validated
@ConfigurationProperties("ledgerstream.admin")
public record AdminProperties(
        String jwksUrl,
        String jwtIssuer,
        String jwtAudience,
        String kafkaBootstrapServers,
        @DefaultValue("10s") @NotNull Duration actionAckTimeout,
        String databaseUrl,
        String databaseUser,
        String databasePassword,
        @DefaultValue("ledger_reader") @NotBlank String readerRole,
        @DefaultValue("ledger_platform_reader") @NotBlank String platformRole,
        @DefaultValue("8") @Min(1) @Max(200) int poolMaxConnections,
        @DefaultValue("5s") @NotNull Duration databaseConnectTimeout,
        @DefaultValue("10s") @NotNull Duration queryTimeout,
        @DefaultValue("10m") @NotNull Duration exportTimeout,
        @DefaultValue("2000") @Min(1) @Max(100_000) int exportFetchSize,
        @DefaultValue("4") @Min(1) @Max(200) int exportMaxConcurrent,
        @DefaultValue("2") @Min(1) @Max(200) int exportMaxPerCommunity,
        @DefaultValue("90") @Min(1) @Max(36_500) int exportDefaultDays,
        @DefaultValue("3660") @Min(1) @Max(36_500) int exportMaxDays,
        @DefaultValue("30") @Min(1) @Max(36_500) int usageDefaultDays,
        @DefaultValue("400") @Min(1) @Max(36_500) int maxWindowDays,
        @DefaultValue("100") @Min(1) @Max(10_000) int breakdownMaxRows,
        @DefaultValue("50") @Min(1) @Max(10_000) int pageDefaultLimit,
        @DefaultValue("500") @Min(1) @Max(10_000) int pageMaxLimit,
        @DefaultValue("20") @Min(1) @Max(1_000) int recentRows,
        @DefaultValue("7") @Min(1) @Max(366) int burnWindowDays,
        @DefaultValue("10000") @Min(0) @Max(10_000_000) int tokenCacheSize,
        @DefaultValue("5s") @NotNull Duration retryAfter) {

    /** Throws {@link MissingSettingException} naming the first missing required variable. */
    void requireComplete() {
        require(jwksUrl, "ADMIN_JWKS_URL");
        require(jwtIssuer, "ADMIN_JWT_ISSUER");
        require(jwtAudience, "ADMIN_JWT_AUDIENCE");
        require(databaseUrl, "DATABASE_URL");
        require(kafkaBootstrapServers, "KAFKA_BOOTSTRAP_SERVERS");
        if (pageDefaultLimit > pageMaxLimit) {
            throw new IllegalArgumentException("ledgerstream.admin.page-default-limit must not exceed page-max-limit");
        }
        if (exportMaxConcurrent >= poolMaxConnections) {
            throw new IllegalArgumentException("ledgerstream.admin.export-max-concurrent must be below"
                    + " pool-max-connections, so that exports never hold every connection");
        }
        if (exportDefaultDays > exportMaxDays || usageDefaultDays > maxWindowDays) {
            throw new IllegalArgumentException("a default window must not exceed its maximum");
        }
    }

    private static void require(String value, String variable) {
        if (value == null || value.isBlank()) {
            throw new MissingSettingException(variable, "is not set");
        }
    }

    /** Never prints a password. */
    @Override
    public String toString() {
        return "AdminProperties[jwksUrl=" + jwksUrl + ", jwtIssuer=" + jwtIssuer + ", jwtAudience=" + jwtAudience
                + ", kafkaBootstrapServers=" + kafkaBootstrapServers
                + ", databaseUrl=" + DatabaseUrl.withoutPassword(databaseUrl) + ", databaseUser=" + databaseUser
                + ", readerRole=" + readerRole + ", platformRole=" + platformRole + "]";
    }
}
