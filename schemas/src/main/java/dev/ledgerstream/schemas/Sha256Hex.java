package dev.ledgerstream.schemas;

/**
 * The form of every SHA-256 the contract carries (event ids, content hashes): 64 lowercase hex
 * digits. Checked by hand rather than with a regular expression, because records carrying one are
 * built on every event of the ledger's hot path.
 */
public final class Sha256Hex {

    private static final int DIGITS = 64;

    private Sha256Hex() {
    }

    public static boolean isValid(String text) {
        if (text == null || text.length() != DIGITS) {
            return false;
        }
        for (int i = 0; i < DIGITS; i++) {
            char c = text.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }
}
