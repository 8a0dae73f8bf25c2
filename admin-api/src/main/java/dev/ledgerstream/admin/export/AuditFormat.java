package dev.ledgerstream.admin.export;

import dev.ledgerstream.servicekit.web.ApiProblem;
import java.io.IOException;
import java.io.Writer;
import java.util.Locale;

/**
 * The two formats of the audit export and how each writes a row. JSON Lines: one JSON object per
 * line, amounts as strings like every amount of the API, absent values as {@code null}. CSV: RFC
 * 4180 with a header line, CRLF line ends, fields quoted only when they contain a comma, quote or
 * line break, absent values empty. CSV is what people open in a spreadsheet, so a text cell that a
 * spreadsheet would run as a formula (it starts with {@code =}, {@code +}, {@code -}, {@code @}, a
 * tab or a carriage return; a finalization id may start with {@code -}, a pool or NFT id with
 * anything) is written with a leading apostrophe, as OWASP advises against CSV injection. The
 * JSON Lines export carries every value exactly as stored.
 */
enum AuditFormat {

    JSONL("application/jsonl", "jsonl") {
        @Override
        void header(Writer out) {
            // JSON Lines has no header: every line names its fields.
        }

        @Override
        void row(Writer out, AuditRow row) throws IOException {
            out.write("{\"timestamp\":");
            jsonString(out, row.timestamp().toString());
            out.write(",\"operation_type\":");
            jsonString(out, row.operationType());
            out.write(",\"amount_micro\":\"");
            out.write(Long.toString(row.amountMicro()));
            out.write("\",\"lot_id\":");
            jsonString(out, row.lotId());
            out.write(",\"payment_id\":");
            jsonString(out, row.paymentId());
            out.write(",\"finalization_id\":");
            jsonString(out, row.finalizationId());
            out.write(",\"model_pool\":");
            jsonString(out, row.modelPool());
            out.write(",\"nft_id\":");
            jsonString(out, row.nftId());
            out.write(",\"tokens_input\":");
            out.write(row.tokensInput() == null ? "null" : row.tokensInput().toString());
            out.write(",\"tokens_output\":");
            out.write(row.tokensOutput() == null ? "null" : row.tokensOutput().toString());
            out.write(",\"conservation_guard_result\":");
            jsonString(out, row.conservationGuardResult());
            out.write("}\n");
        }
    },

    CSV("text/csv; charset=utf-8; header=present", "csv") {
        @Override
        void header(Writer out) throws IOException {
            out.write(String.join(",", AuditRow.COLUMNS));
            out.write("\r\n");
        }

        @Override
        void row(Writer out, AuditRow row) throws IOException {
            out.write(row.timestamp().toString());
            out.write(',');
            csvField(out, row.operationType());
            out.write(',');
            out.write(Long.toString(row.amountMicro()));
            for (String text : new String[] {row.lotId(), row.paymentId(), row.finalizationId(), row.modelPool(),
                row.nftId()}) {
                out.write(',');
                csvField(out, text);
            }
            out.write(',');
            out.write(row.tokensInput() == null ? "" : row.tokensInput().toString());
            out.write(',');
            out.write(row.tokensOutput() == null ? "" : row.tokensOutput().toString());
            out.write(',');
            csvField(out, row.conservationGuardResult());
            out.write("\r\n");
        }
    };

    private final String contentType;
    private final String extension;

    AuditFormat(String contentType, String extension) {
        this.contentType = contentType;
        this.extension = extension;
    }

    String contentType() {
        return contentType;
    }

    String extension() {
        return extension;
    }

    /** Written once, before the first row. */
    abstract void header(Writer out) throws IOException;

    abstract void row(Writer out, AuditRow row) throws IOException;

    /** The {@code format} parameter: {@code jsonl} (the default) or {@code csv}. */
    static AuditFormat of(String parameter) {
        if (parameter == null || parameter.isBlank()) {
            return JSONL;
        }
        for (AuditFormat format : values()) {
            if (format.extension.equals(parameter.toLowerCase(Locale.ROOT))) {
                return format;
            }
        }
        throw ApiProblem.invalidParameter("format", "must be jsonl or csv");
    }

    /** A JSON string literal (RFC 8259 escaping), or {@code null}. */
    static void jsonString(Writer out, String text) throws IOException {
        if (text == null) {
            out.write("null");
            return;
        }
        out.write('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.write("\\\"");
                case '\\' -> out.write("\\\\");
                case '\n' -> out.write("\\n");
                case '\r' -> out.write("\\r");
                case '\t' -> out.write("\\t");
                default -> {
                    if (c < 0x20) {
                        out.write(String.format("\\u%04x", (int) c));
                    } else {
                        out.write(c);
                    }
                }
            }
        }
        out.write('"');
    }

    /**
     * An RFC 4180 field: quoted, with quotes doubled, when it holds a comma, quote or line break;
     * neutralised with a leading apostrophe when a spreadsheet would read it as a formula.
     */
    static void csvField(Writer out, String value) throws IOException {
        if (value == null) {
            return;
        }
        String text = startsFormula(value) ? "'" + value : value;
        boolean quote = false;
        for (int i = 0; i < text.length() && !quote; i++) {
            char c = text.charAt(i);
            quote = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        if (!quote) {
            out.write(text);
            return;
        }
        out.write('"');
        out.write(text.replace("\"", "\"\""));
        out.write('"');
    }

    private static boolean startsFormula(String text) {
        return !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0;
    }
}
