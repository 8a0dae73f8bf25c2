package dev.ledgerstream.admin.tenant;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Binds and reads the column types of the ledger the same way in every query: timestamps as UTC
 * {@link Instant}s (microsecond precision, as stored), community ids as {@code uuid}, money as
 * {@code long} rendered as a decimal string for JSON (SPEC 7).
 */
public final class SqlValues {

    private SqlValues() {
    }

    public static void setInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
        statement.setObject(index, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
    }

    public static void setUuid(PreparedStatement statement, int index, UUID uuid) throws SQLException {
        statement.setObject(index, uuid);
    }

    /** A {@code timestamptz} column as an instant, or null. */
    public static Instant instant(ResultSet rows, String column) throws SQLException {
        OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /**
     * A money column, {@code bigint} or a {@code numeric} sum, as its JSON text, e.g. {@code "10500000"};
     * null stays null. A sum beyond 64 bits is written out exactly (SPEC 7: sums never overflow into an error).
     */
    public static String micro(ResultSet rows, String column) throws SQLException {
        BigInteger value = integer(rows, column);
        return value == null ? null : value.toString();
    }

    /** An integer column, {@code bigint} or a {@code numeric} sum, exactly; null stays null. */
    public static BigInteger integer(ResultSet rows, String column) throws SQLException {
        BigDecimal value = rows.getBigDecimal(column);
        return value == null ? null : value.toBigIntegerExact();
    }

    /** A {@code bigint} column, or null. */
    public static Long longOrNull(ResultSet rows, String column) throws SQLException {
        long value = rows.getLong(column);
        return rows.wasNull() ? null : value;
    }
}
