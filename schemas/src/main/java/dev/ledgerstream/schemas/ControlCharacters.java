package dev.ledgerstream.schemas;

/**
 * Text the ledger stores must hold no control character: C0 (U+0000–U+001F), DEL and C1
 * (U+007F–U+009F). PostgreSQL refuses U+0000 in {@code text} outright, and none of the others
 * belongs in an id, a pool name or a currency code; a usage event carrying one would reach the
 * ledger, debit its lots, and then be refused by the database (I-3). The ingest API answers such
 * an event 400, the records' constructors refuse it, and the JSON Schema of
 * {@code usage.finalizations.v1} says the same with {@link #SCHEMA_PATTERN} ({@code
 * ControlCharactersTest} proves the three agree).
 */
public final class ControlCharacters {

    /** The rule as a JSON Schema (ECMA 262) pattern, as written in the topic schemas. */
    public static final String SCHEMA_PATTERN = "^[^\\u0000-\\u001f\\u007f-\\u009f]*$";

    private ControlCharacters() {
    }

    /** True when {@code text} holds at least one control character; false for null. */
    public static boolean in(String text) {
        if (text == null) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
                return true;
            }
        }
        return false;
    }
}
