package dev.ledgerstream.sink.write;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * Rows as the CSV text that {@code COPY … FROM STDIN (FORMAT csv)} reads: NULL is an unquoted empty
 * field, every text value is quoted (so an empty string stays an empty string, and commas, quotes,
 * line breaks and a lone {@code \.} are data), {@code bytea} is PostgreSQL's hex form.
 */
final class CsvRows {

    private static final HexFormat HEX = HexFormat.of();

    private CsvRows() {
    }

    static byte[] encode(List<Row> rows) {
        StringBuilder csv = new StringBuilder(rows.size() * 256);
        for (Row row : rows) {
            Object[] values = row.values();
            for (int i = 0; i < values.length; i++) {
                if (i > 0) {
                    csv.append(',');
                }
                append(csv, values[i]);
            }
            csv.append('\n');
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    static void append(StringBuilder csv, Object value) {
        if (value == null) {
            return;
        }
        if (value instanceof Long || value instanceof Integer) {
            csv.append(value);
        } else if (value instanceof Instant instant) {
            csv.append(instant);
        } else if (value instanceof byte[] bytes) {
            csv.append("\\x").append(HEX.formatHex(bytes));
        } else if (value instanceof Row.Jsonb json) {
            quoted(csv, json.text());
        } else if (value instanceof String text) {
            quoted(csv, text);
        } else {
            throw new IllegalArgumentException("no CSV form for " + value.getClass().getName());
        }
    }

    private static void quoted(StringBuilder csv, String text) {
        csv.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                csv.append('"');
            }
            csv.append(c);
        }
        csv.append('"');
    }
}
