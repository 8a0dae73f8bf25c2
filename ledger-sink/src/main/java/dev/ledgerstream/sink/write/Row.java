package dev.ledgerstream.sink.write;

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

    /** JSON text for a {@code jsonb} column. */
    record Jsonb(String text) {

        Jsonb {
            Objects.requireNonNull(text, "text");
        }
    }
}
