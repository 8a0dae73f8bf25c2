package dev.ledgerstream.sink.write;

import java.util.Arrays;
import java.util.Objects;

/**
 * One row for a ledger table: its values in the table's column order, and the tenant scope it is
 * written under (its community id; null for rows of no community and for tables without one).
 * Values are {@code String}, {@code Long}, {@code Integer}, {@code Instant}, {@code byte[]},
 * {@link Jsonb} or null.
 */
record Row(String communityId, Object[] values) {

    Row {
        Objects.requireNonNull(values, "values");
    }

    /**
     * A row of {@code table} built by column name rather than by position, so that two values of the
     * same type cannot change places unnoticed: every column named once, in any order, none left out.
     */
    static Named of(LedgerTable table, String communityId) {
        return new Named(table, communityId);
    }

    /** The builder of {@link #of}. */
    static final class Named {

        private static final Object UNSET = new Object();

        private final LedgerTable table;
        private final String communityId;
        private final Object[] values;

        private Named(LedgerTable table, String communityId) {
            this.table = table;
            this.communityId = communityId;
            this.values = new Object[table.columnCount()];
            Arrays.fill(values, UNSET);
        }

        LedgerTable table() {
            return table;
        }

        /** Sets {@code column}; throws for a column the table does not have, or one set before. */
        Named with(String column, Object value) {
            int index = table.position(column);
            if (index < 0) {
                throw new IllegalArgumentException(table + " has no column " + column);
            }
            if (values[index] != UNSET) {
                throw new IllegalStateException(table + "." + column + " is set twice");
            }
            values[index] = value;
            return this;
        }

        /** The row; throws when a column was not set. */
        Row row() {
            for (int i = 0; i < values.length; i++) {
                if (values[i] == UNSET) {
                    throw new IllegalStateException(table + "." + table.columns().get(i) + " is not set");
                }
            }
            return new Row(communityId, values.clone());
        }
    }

    /** JSON text for a {@code jsonb} column. */
    record Jsonb(String text) {

        Jsonb {
            Objects.requireNonNull(text, "text");
        }
    }
}
