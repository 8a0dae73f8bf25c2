package dev.ledgerstream.reconcile;

import dev.ledgerstream.reconcile.LedgerRow.Kind;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compares the ledger in PostgreSQL with the replay, kind by kind, as a merge of two streams of rows
 * in the same order ({@link LedgerRow#compareTo}), so that memory does not grow with the rows. Every
 * row on one side only, and every differing field of a row on both, is a {@link Difference}; so is
 * each community's balance and each community's usage totals by pool. At most
 * {@link #KEPT_DIFFERENCES} differences are kept in full; all are counted.
 *
 * <p>Each community also gets two digests, the ledger's and the replay's: SHA-256 over the
 * canonical lines ({@link LedgerRow#encode()}, each followed by a newline) of its lot entries in
 * entry id order, then of its usage events in finalization id order. Kinds must be compared in
 * {@link Kind} order for the digests to be taken over that sequence.
 */
final class Comparison {

    static final int KEPT_DIFFERENCES = 1_000;

    /** The usage totals compared per community and pool: a count of events, then these fields' sums. */
    private static final List<String> USAGE_SUMS =
            List.of("amount_micro", "debited_micro", "unfunded_micro", "waived_micro", "tokens_input", "tokens_output");
    private static final int USAGE_TOTALS = 1 + USAGE_SUMS.size();

    /** A community's two digests, as lowercase hex. */
    record Digests(String ledger, String replay) {
        boolean match() {
            return ledger.equals(replay);
        }
    }

    private final List<Difference> kept = new ArrayList<>();
    private long differences;
    private final Map<String, MessageDigest[]> digests = new TreeMap<>();
    private final TreeSet<String> communities = new TreeSet<>();
    private final Map<String, long[]> balances = new TreeMap<>();
    private final Map<String, Map<String, long[]>> usageByPool = new TreeMap<>();

    /** Compares one kind: both iterators must be in {@link LedgerRow#compareTo} order. */
    void compare(Kind kind, Iterator<LedgerRow> ledger, Iterator<LedgerRow> replay) {
        LedgerRow left = next(ledger);
        LedgerRow right = next(replay);
        while (left != null || right != null) {
            int order = left == null ? 1 : right == null ? -1 : left.compareTo(right);
            if (order < 0) {
                seen(left, 0);
                differ(kind, left, Difference.ROW, Difference.PRESENT, Difference.MISSING);
                left = next(ledger);
            } else if (order > 0) {
                seen(right, 1);
                differ(kind, right, Difference.ROW, Difference.MISSING, Difference.PRESENT);
                right = next(replay);
            } else {
                seen(left, 0);
                seen(right, 1);
                for (String field : left.fields().keySet()) {
                    String a = left.fields().get(field);
                    String b = right.fields().get(field);
                    if (!Objects.equals(a, b)) {
                        differ(kind, left, field, String.valueOf(a), String.valueOf(b));
                    }
                }
                left = next(ledger);
                right = next(replay);
            }
        }
    }

    /** Adds the per-community totals' differences; call once, after every kind. */
    void finish() {
        balances.forEach((community, sides) -> {
            if (sides[0] != sides[1]) {
                add(new Difference("balance", community, community, "balance_micro", Long.toString(sides[0]),
                        Long.toString(sides[1])));
            }
        });
        usageByPool.forEach((community, pools) -> pools.forEach((pool, sides) -> {
            for (int i = 0; i < USAGE_TOTALS; i++) {
                if (sides[i] != sides[USAGE_TOTALS + i]) {
                    add(new Difference("usage_by_pool", community, pool, i == 0 ? "events" : USAGE_SUMS.get(i - 1),
                            Long.toString(sides[i]), Long.toString(sides[USAGE_TOTALS + i])));
                }
            }
        }));
    }

    long differences() {
        return differences;
    }

    List<Difference> kept() {
        return List.copyOf(kept);
    }

    /** Every community met on either side, in id order. */
    List<String> communities() {
        return List.copyOf(communities);
    }

    /** Each community's digests, in community id order. */
    Map<String, Digests> digests() {
        Map<String, Digests> hex = new TreeMap<>();
        for (String community : communities) {
            MessageDigest[] pair = digests.computeIfAbsent(community, Comparison::newPair);
            hex.put(community, new Digests(hex(pair[0]), hex(pair[1])));
        }
        return hex;
    }

    private void seen(LedgerRow row, int side) {
        String community = communityOf(row);
        if (community != null) {
            communities.add(community);
        }
        switch (row.kind()) {
            case ENTRY -> digest(community, side, row);
            case USAGE -> {
                digest(community, side, row);
                long[] totals = usageByPool.computeIfAbsent(community, key -> new TreeMap<>())
                        .computeIfAbsent(row.fields().get("pool_id"), key -> new long[2 * USAGE_TOTALS]);
                int at = side * USAGE_TOTALS;
                totals[at] += 1;
                for (int i = 0; i < USAGE_SUMS.size(); i++) {
                    totals[at + 1 + i] += Long.parseLong(row.fields().get(USAGE_SUMS.get(i)));
                }
            }
            case LOT -> balances.computeIfAbsent(community, key -> new long[2])[side] +=
                    Long.parseLong(row.fields().get("remaining_micro"));
            case PAYMENT, OUTCOME, ACTION, LOT_TOTAL, USAGE_HOUR, USAGE_NFT_HOUR, USAGE_NFT_CHECKPOINT -> { }
        }
    }

    private void digest(String community, int side, LedgerRow row) {
        digests.computeIfAbsent(community, Comparison::newPair)[side]
                .update((row.encode() + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private void differ(Kind kind, LedgerRow row, String field, String ledger, String replay) {
        add(new Difference(kind.table, communityOf(row), row.id(), field, ledger, replay));
    }

    private void add(Difference difference) {
        differences++;
        if (kept.size() < KEPT_DIFFERENCES) {
            kept.add(difference);
        }
    }

    /** The row's community: its key's, or for the payment kinds their {@code community_id} field. */
    private static String communityOf(LedgerRow row) {
        return row.communityId().isEmpty() ? row.fields().get("community_id") : row.communityId();
    }

    private static LedgerRow next(Iterator<LedgerRow> rows) {
        return rows.hasNext() ? rows.next() : null;
    }

    private static MessageDigest[] newPair(String community) {
        try {
            return new MessageDigest[] {MessageDigest.getInstance("SHA-256"), MessageDigest.getInstance("SHA-256")};
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static String hex(MessageDigest digest) {
        try {
            return HexFormat.of().formatHex(((MessageDigest) digest.clone()).digest());
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 digests can be cloned", e);
        }
    }
}
