package dev.ledgerstream.sink.write;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The rows a list of records stands for, exactly as {@link LedgerWriter} writes them, for tools
 * that must work on the same rows without the writer: the benchmark's plain-INSERT reference, and
 * later a digest of the ledger. Values follow {@link LedgerTable#columns()}.
 */
public final class LedgerRows {

    private LedgerRows() {
    }

    /**
     * One row: its values in the table's column order ({@code String}, {@code Long},
     * {@code Integer}, {@code Instant}, {@code byte[]}, or JSON text for a {@code jsonb} column,
     * or null) and the community it belongs to (null for none).
     */
    public record Values(String communityId, List<Object> values) {
    }

    /** Throws {@link IllegalArgumentException} for a record that does not decode: it has no rows. */
    public static Map<LedgerTable, List<Values>> of(List<SinkRecord> records) {
        RowSet set = new RowSet();
        for (SinkRecord record : records) {
            try {
                set.add(Decoded.of(record));
            } catch (Decoded.UndecodableRecordException e) {
                throw new IllegalArgumentException(record.coordinates() + ": " + e.getMessage(), e);
            }
        }
        Map<LedgerTable, List<Values>> rows = new EnumMap<>(LedgerTable.class);
        set.rows().forEach((table, list) -> rows.put(table, list.stream()
                .map(row -> new Values(row.communityId(), Arrays.stream(row.values())
                        .map(value -> value instanceof Row.Jsonb json ? json.text() : value).toList()))
                .toList()));
        return rows;
    }
}
