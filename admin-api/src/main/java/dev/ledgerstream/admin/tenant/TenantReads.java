package dev.ledgerstream.admin.tenant;

import dev.ledgerstream.servicekit.web.ApiProblem;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only way the admin API reaches PostgreSQL. Every read runs in its own read-only transaction
 * (repeatable read, so that the statements of one answer see one snapshot)
 * that first does {@code SET LOCAL ROLE <reader>} (a role that is neither owner nor BYPASSRLS) and,
 * for a community read, {@code SET LOCAL app.community_id = '<uuid>'}: row-level security then
 * limits every statement to that community even if a query forgot its WHERE clause, and a
 * platform read (no community set) fails on any tenant table instead of reading across tenants;
 * it may only call the {@code platform} functions. {@code SET LOCAL} ends with the transaction, so
 * a pooled connection never carries a scope into the next request.
 *
 * <p>Failures of the database become problems here: unreachable or timed out is a 503 with
 * Retry-After, anything else a 500.
 */
public final class TenantReads {

    private static final Logger log = LoggerFactory.getLogger(TenantReads.class);
    private static final Pattern ROLE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private final DataSource pool;
    private final String readerRole;
    private final String platformRole;
    private final Duration queryTimeout;
    private final Duration exportTimeout;
    private final Duration retryAfter;

    /**
     * @param pool          connections of a login that is a member of {@code readerRole}; they must
     *                      not be in autocommit mode (each read is one transaction)
     * @param platformRole  what platform-wide reads act as: the only role that may call the
     *                      {@code platform} functions, reached through {@code readerRole}
     * @param queryTimeout  statement timeout of the JSON endpoints' reads
     * @param exportTimeout statement timeout of the audit export's read
     */
    public TenantReads(DataSource pool, String readerRole, String platformRole, Duration queryTimeout,
            Duration exportTimeout, Duration retryAfter) {
        this.pool = Objects.requireNonNull(pool, "pool");
        this.readerRole = roleName(readerRole);
        this.platformRole = roleName(platformRole);
        this.queryTimeout = positive(queryTimeout, "queryTimeout");
        this.exportTimeout = positive(exportTimeout, "exportTimeout");
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
    }

    /** Runs {@code work} as the reader role with the tenant set to {@code community}. */
    public <T> T inCommunity(UUID community, SqlWork<T> work) {
        return inTransaction(scope(readerRole, community, queryTimeout), work);
    }

    /** Like {@link #inCommunity} with the export's longer statement timeout. */
    public <T> T exportInCommunity(UUID community, SqlWork<T> work) {
        return inTransaction(scope(readerRole, community, exportTimeout), work);
    }

    /**
     * Runs {@code work} as the platform role with no tenant set: only the {@code platform} functions
     * (SECURITY DEFINER, aggregates and operational rows) answer; a tenant table raises. The reader
     * role may not call those functions, so a community read cannot reach them by mistake.
     */
    public <T> T platformWide(SqlWork<T> work) {
        return inTransaction(scope(platformRole, null, queryTimeout), work);
    }

    private static String roleName(String role) {
        if (role == null || !ROLE_NAME.matcher(role).matches()) {
            throw new IllegalArgumentException("a role must be a plain lowercase role name: " + role);
        }
        return role;
    }

    /** The statements that open a scoped transaction; the UUID's canonical form is the only interpolated value. */
    private String scope(String role, UUID community, Duration timeout) {
        StringBuilder sql = new StringBuilder()
                .append("SET LOCAL ROLE ").append(role).append("; ")
                .append("SET LOCAL statement_timeout = ").append(Math.max(1, timeout.toMillis())).append("; ")
                // A client that stops reading an export leaves the transaction idle between fetches:
                // PostgreSQL ends it after the same bound, so no stalled reader keeps a session for ever.
                .append("SET LOCAL idle_in_transaction_session_timeout = ").append(Math.max(1, timeout.toMillis()))
                .append("; ");
        if (community != null) {
            sql.append("SET LOCAL app.community_id = '").append(community).append("'");
        }
        return sql.toString();
    }

    private <T> T inTransaction(String scope, SqlWork<T> work) {
        try (Connection connection = pool.getConnection()) {
            try {
                try (Statement statement = connection.createStatement()) {
                    statement.execute(scope);
                }
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(connection);
                throw e;
            }
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    private RuntimeException translate(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (e instanceof SQLTransientConnectionException || state.startsWith("08") || state.startsWith("57P")
                || state.equals("53300")) {
            log.warn("database unavailable: {} ({})", e.getMessage(), state);
            return ApiProblem.unavailable("database-unavailable",
                    "the ledger database cannot be reached right now; retry later", retryAfter);
        }
        if (state.equals("57014")) {
            log.warn("a read was cancelled by its statement timeout: {}", e.getMessage());
            return ApiProblem.unavailable("query-timeout",
                    "the query took longer than its time limit; retry later or narrow the request", retryAfter);
        }
        if (state.equals("42501")) {
            log.error("the database login may not act as {} or {}, or read what it needs: {}", readerRole, platformRole,
                    e.getMessage());
        }
        return new IllegalStateException("ledger read failed (SQL state " + state + ")", e);
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the connection is broken; the pool discards it
        }
    }

    private static Duration positive(Duration duration, String name) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + duration);
        }
        return duration;
    }
}
