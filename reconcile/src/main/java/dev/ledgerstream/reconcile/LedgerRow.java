package dev.ledgerstream.reconcile;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One row of the ledger in the form both sides of a comparison are brought to: its kind, the
 * community it belongs to (empty for the payment kinds, which carry theirs as a field), its id,
 * and its compared fields in a fixed order, each rendered as text the same way whether it came from
 * the replay or from PostgreSQL. {@link #encode()} is also the canonical line the per-community
 * digest is taken over.
 */
record LedgerRow(Kind kind, String communityId, String id, Map<String, String> fields) {

    /** The kinds of row compared, in the order they are compared. */
    enum Kind {
        ENTRY('E', "lot_entries"),
        USAGE('U', "usage_events"),
        LOT('L', "lot_balances"),
        PAYMENT('P', "crypto_payments"),
        OUTCOME('O', "crypto_payment_outcomes"),
        ACTION('A', "operator_actions"),
        /** The per-lot aggregate (ADR 0019), against the replay's lots. */
        LOT_TOTAL('T', "lot_totals"),
        /** The hourly usage aggregate, against the replay's usage events summed per hour and pool. */
        USAGE_HOUR('H', "usage_hourly"),
        /** The hourly NFT usage aggregate, against the replay's usage events summed per hour and NFT. */
        USAGE_NFT_HOUR('N', "usage_nft_hourly"),
        /** The NFT checkpoints (ADR 0021), against the replay's hourly NFT sums before each block. */
        USAGE_NFT_CHECKPOINT('K', "usage_nft_checkpoints");

        final char tag;
        final String table;

        Kind(char tag, String table) {
            this.tag = tag;
            this.table = table;
        }
    }

    /** The names the key's parts take in a line; no field name starts with {@code @}. */
    private static final String KEY_COMMUNITY = "@community";
    private static final String KEY_ID = "@id";

    LedgerRow {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(communityId, "communityId");
        Objects.requireNonNull(id, "id");
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /**
     * {@code value} at PostgreSQL's precision: a {@code timestamptz} keeps microseconds, and a
     * finer input is rounded to the nearest one, a tie to the even one (its input parser uses
     * {@code rint}), not truncated. An occurred_at of {@code …18.681427999Z} is stored as
     * {@code …18.681428Z}.
     */
    static Instant asStored(Instant value) {
        long nanos = value.getNano();
        long micros = nanos / 1_000;
        long rest = nanos % 1_000;
        if (rest > 500 || (rest == 500 && micros % 2 == 1)) {
            micros++;
        }
        return value.truncatedTo(ChronoUnit.SECONDS).plusNanos(micros * 1_000);
    }

    /** Starts a row; fields are added in the order the caller gives them. */
    static Builder of(Kind kind, String communityId, String id) {
        return new Builder(kind, communityId, id);
    }

    /**
     * The order of rows on both sides: by community, then id, comparing code units (the ids are
     * ASCII, so this is also PostgreSQL's {@code COLLATE "C"} order and RocksDB's byte order).
     */
    int compareTo(LedgerRow other) {
        int byCommunity = communityId.compareTo(other.communityId);
        return byCommunity != 0 ? byCommunity : id.compareTo(other.id);
    }

    /** The row's key in the replay's sorted store: the kind's tag, the community, NUL, the id. */
    byte[] storeKey() {
        return (kind.tag + communityId + '\u0000' + id).getBytes(StandardCharsets.UTF_8);
    }

    static byte[] storePrefix(Kind kind) {
        return String.valueOf(kind.tag).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The canonical line: kind, community and id, then {@code name=length:value} for every field in
     * order ({@code name=-} for a null), joined by {@code |}. Length prefixes make it unambiguous.
     */
    String encode() {
        StringBuilder line = new StringBuilder().append(kind.tag);
        part(line, KEY_COMMUNITY, communityId);
        part(line, KEY_ID, id);
        fields.forEach((name, value) -> part(line, name, value));
        return line.toString();
    }

    /** Reads back a line written by {@link #encode()}. */
    static LedgerRow decode(String line) {
        Kind kind = kindOf(line.charAt(0));
        Map<String, String> parts = new LinkedHashMap<>();
        int at = 1;
        while (at < line.length()) {
            if (line.charAt(at) != '|') {
                throw new IllegalArgumentException("malformed row at " + at + ": " + line);
            }
            int equals = line.indexOf('=', at);
            String name = line.substring(at + 1, equals);
            if (line.charAt(equals + 1) == '-') {
                parts.put(name, null);
                at = equals + 2;
            } else {
                int colon = line.indexOf(':', equals);
                int length = Integer.parseInt(line.substring(equals + 1, colon));
                parts.put(name, line.substring(colon + 1, colon + 1 + length));
                at = colon + 1 + length;
            }
        }
        String community = parts.remove(KEY_COMMUNITY);
        String id = parts.remove(KEY_ID);
        return new LedgerRow(kind, community, id, parts);
    }

    private static void part(StringBuilder line, String name, String value) {
        line.append('|').append(name).append('=');
        if (value == null) {
            line.append('-');
        } else {
            line.append(value.length()).append(':').append(value);
        }
    }

    private static Kind kindOf(char tag) {
        for (Kind kind : Kind.values()) {
            if (kind.tag == tag) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown row kind " + tag);
    }

    /** Builds a row, rendering every value type one way only. */
    static final class Builder {

        private final Kind kind;
        private final String communityId;
        private final String id;
        private final Map<String, String> fields = new LinkedHashMap<>();

        private Builder(Kind kind, String communityId, String id) {
            this.kind = kind;
            this.communityId = communityId;
            this.id = id;
        }

        Builder text(String name, String value) {
            fields.put(name, value);
            return this;
        }

        Builder micro(String name, long value) {
            fields.put(name, Long.toString(value));
            return this;
        }

        Builder micro(String name, Long value) {
            fields.put(name, value == null ? null : value.toString());
            return this;
        }

        /** As PostgreSQL stores it ({@link #asStored}), in ISO-8601 UTC. */
        Builder time(String name, Instant value) {
            fields.put(name, value == null ? null : asStored(value).toString());
            return this;
        }

        LedgerRow build() {
            return new LedgerRow(kind, communityId, id, fields);
        }
    }
}
