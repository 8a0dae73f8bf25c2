package dev.ledgerstream.reconcile;

/**
 * One way the ledger in PostgreSQL differs from the replay.
 *
 * @param table       what differs: a table ({@code lot_entries}, {@code usage_events},
 *                    {@code lot_balances}, {@code crypto_payments}, {@code crypto_payment_outcomes}) or a
 *                    per-community total ({@code balance}, {@code usage_by_pool})
 * @param communityId the community concerned; null for a payment of no community
 * @param id          the row's id (entry, finalization, lot, payment or outcome id; the pool of a total)
 * @param field       the differing field, or {@code row} when the row exists on one side only
 * @param ledger      the value in PostgreSQL ({@code missing} when the row is not there)
 * @param replay      the value the replay computed ({@code missing} when it has no such row)
 */
record Difference(String table, String communityId, String id, String field, String ledger, String replay) {

    static final String ROW = "row";
    static final String MISSING = "missing";
    static final String PRESENT = "present";

    /** One line for the human report. */
    String describe() {
        return table + " " + (communityId == null ? "(no community)" : communityId) + " " + id + " " + field
                + ": ledger " + ledger + ", replay " + replay;
    }
}
