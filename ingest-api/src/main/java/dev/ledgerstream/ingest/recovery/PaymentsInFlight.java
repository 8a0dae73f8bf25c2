package dev.ledgerstream.ingest.recovery;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Properties;

/**
 * Where the recovery finds stuck payments: {@code platform.payments_in_flight} (migration V9) in the
 * ledger, read as the reader role in a read-only transaction, one connection per run (a run is
 * minutes apart; no pool is worth keeping for it).
 */
public final class PaymentsInFlight {

    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final String role;
    private final Duration timeout;

    public PaymentsInFlight(String jdbcUrl, String user, String password, String role, Duration timeout) {
        this.jdbcUrl = Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        this.user = Objects.requireNonNull(user, "user");
        this.password = password;
        if (!role.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("not a role name: " + role);
        }
        this.role = role;
        this.timeout = timeout;
    }

    /** Up to {@code max} payments in a non-final status unchanged since before {@code cutoff}, oldest first. */
    public List<StuckPayment> unchangedSince(Instant cutoff, int max) throws SQLException {
        Properties login = new Properties();
        login.setProperty("user", user);
        login.setProperty("password", password == null ? "" : password);
        login.setProperty("connectTimeout", Long.toString(Math.max(1, timeout.toSeconds())));
        login.setProperty("ApplicationName", "ledgerstream-ingest-recovery");
        try (Connection connection = DriverManager.getConnection(jdbcUrl, login)) {
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            try (Statement scope = connection.createStatement()) {
                scope.execute("SET LOCAL ROLE " + role + "; SET LOCAL statement_timeout = " + Math.max(1, timeout.toMillis()));
            }
            List<StuckPayment> stuck = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement("""
                    SELECT payment_id, community_id::text AS community_id, order_id, status, updated_at
                    FROM platform.payments_in_flight(?, ?)""")) {
                statement.setObject(1, OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC));
                statement.setInt(2, max);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        stuck.add(new StuckPayment(rows.getString("payment_id"), rows.getString("community_id"),
                                rows.getString("order_id"), rows.getString("status"),
                                rows.getObject("updated_at", OffsetDateTime.class).toInstant()));
                    }
                }
            }
            connection.commit();
            return stuck;
        }
    }
}
