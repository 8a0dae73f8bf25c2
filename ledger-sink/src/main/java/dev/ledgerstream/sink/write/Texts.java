package dev.ledgerstream.sink.write;

/** Bounds and cleans free text (reasons, messages) before it goes into a column or a header. */
final class Texts {

    /** Reasons are for people; a thousand characters say enough, and bound what an attacker can store. */
    static final int MAX_REASON_LENGTH = 1000;

    private Texts() {
    }

    /** At most {@link #MAX_REASON_LENGTH} characters, without NUL (which PostgreSQL text cannot hold). */
    static String bounded(String text) {
        String clean = text.replace('\u0000', '?');
        return clean.length() <= MAX_REASON_LENGTH ? clean : clean.substring(0, MAX_REASON_LENGTH);
    }
}
