package dev.ledgerstream.admin.usage;

import dev.ledgerstream.admin.tenant.SqlValues;
import dev.ledgerstream.admin.web.TimeWindow;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * How a window's usage is read from the aggregates the database keeps (ADR 0019, 0021): the whole
 * UTC hours inside {@code [from, to)} from {@code usage_hourly} (per NFT: from
 * {@code usage_nft_checkpoints} and {@code usage_nft_hourly}), and only the partial hours at its two
 * ends from the raw {@code usage_events}. A read costs the hours of its window (per NFT: two
 * checkpoints and at most twelve hours of rows) plus the events of at most two partial hours, not
 * every event of the window; its figures are exactly those of the raw rows (the aggregates are kept
 * in the transaction that inserts them, {@code UsageFiguresIT} compares both).
 */
public final class Rollups {

    /**
     * {@code [from, to)} split at whole units: {@code [wholeFrom, wholeTo)} is read from an aggregate,
     * {@code [from, wholeFrom)} and {@code [wholeTo, to)} from the raw rows; when no whole unit fits,
     * {@code wholeFrom = wholeTo = to} and the raw rows cover the whole window.
     */
    record Split(Instant from, Instant wholeFrom, Instant wholeTo, Instant to) {

        static Split of(TimeWindow window, ChronoUnit unit) {
            Instant up = window.from().truncatedTo(unit);
            if (up.isBefore(window.from())) {
                up = up.plus(1, unit);
            }
            Instant down = window.to().truncatedTo(unit);
            return up.isBefore(down) ? new Split(window.from(), up, down, window.to())
                    : new Split(window.from(), window.to(), window.to(), window.to());
        }
    }

    /** The raw part of a split: the usage events of the two partial ends. */
    static final String RAW_ENDS = """
            community_id = ? AND created_at >= ? AND created_at < ?
            UNION ALL SELECT %1$s FROM ledger.usage_events WHERE community_id = ? AND created_at >= ? AND created_at < ?""";

    private static final String SPEND = """
            SELECT COALESCE(sum(amount_micro), 0) AS spend
            FROM (SELECT amount_micro FROM ledger.usage_hourly WHERE community_id = ? AND hour >= ? AND hour < ?
                  UNION ALL SELECT amount_micro FROM ledger.usage_events WHERE\s""" + RAW_ENDS.formatted("amount_micro")
            + ") parts";

    private Rollups() {
    }

    /** The usage recorded in {@code window} (by receipt time), exactly: a billing window's spend. */
    public static BigInteger spend(Connection connection, UUID community, TimeWindow window) throws SQLException {
        Split split = Split.of(window, ChronoUnit.HOURS);
        try (PreparedStatement statement = connection.prepareStatement(SPEND)) {
            int next = bindWhole(statement, 1, community, split);
            bindEnds(statement, next, community, split);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return SqlValues.integer(rows, "spend");
            }
        }
    }

    /** Binds community, whole-unit start and end as instants; returns the next index. */
    static int bindWhole(PreparedStatement statement, int index, UUID community, Split split) throws SQLException {
        SqlValues.setUuid(statement, index, community);
        SqlValues.setInstant(statement, index + 1, split.wholeFrom());
        SqlValues.setInstant(statement, index + 2, split.wholeTo());
        return index + 3;
    }

    /** Binds the two raw ends of {@link #RAW_ENDS}; returns the next index. */
    static int bindEnds(PreparedStatement statement, int index, UUID community, Split split) throws SQLException {
        SqlValues.setUuid(statement, index, community);
        SqlValues.setInstant(statement, index + 1, split.from());
        SqlValues.setInstant(statement, index + 2, split.wholeFrom());
        SqlValues.setUuid(statement, index + 3, community);
        SqlValues.setInstant(statement, index + 4, split.wholeTo());
        SqlValues.setInstant(statement, index + 5, split.to());
        return index + 6;
    }
}
