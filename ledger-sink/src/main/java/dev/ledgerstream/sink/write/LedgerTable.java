package dev.ledgerstream.sink.write;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The tables the sink writes, with the columns it fills (in the order of a row's values) and how a
 * row that already exists is treated. The constants are in insertion order: a lot before its
 * entries (their foreign key), a payment's history before its current state. Column types repeat
 * the migrations' on purpose: they type the session's staging tables, and a mismatch fails loudly
 * on the first write.
 */
public enum LedgerTable {
    WEBHOOK_EVENTS(false, "provider text", "event_id text", "payment_id text", "signature_form text",
            "quarantine_reason text", "received_at timestamptz", "canonical text"),
    DEAD_LETTERS(false, "dlq_topic text", "dlq_partition integer", "dlq_offset bigint", "source_topic text",
            "source_partition integer", "source_offset bigint", "reason text", "exception text",
            "failed_at timestamptz", "record_key bytea", "record_value bytea", "headers jsonb",
            "dead_lettered_at timestamptz"),
    SINK_REJECTS(false, "source_topic text", "source_partition integer", "source_offset bigint", "stage text",
            "sql_state text", "reason text", "dead_letter_topic text", "record_key bytea", "record_value bytea",
            "rejected_at timestamptz"),
    CREDIT_LOTS(true, "lot_id text", "community_id uuid", "source text", "payment_id text", "grant_id text",
            "minted_micro bigint", "created_at timestamptz", "expires_at timestamptz"),
    LOT_ENTRIES(true, "entry_id text", "community_id uuid", "lot_id text", "entry_type text", "amount_micro bigint",
            "lot_source text", "payment_id text", "grant_id text", "finalization_id text", "occurred_at timestamptz"),
    USAGE_EVENTS(true, "finalization_id text", "community_id uuid", "pool_id text", "nft_id text",
            "tokens_input bigint", "tokens_output bigint", "amount_micro bigint", "reservation_id text",
            "reserved_micro bigint", "debited_micro bigint", "unfunded_micro bigint", "debits jsonb",
            "charging_mode text", "waived_micro bigint", "shadow_debits jsonb", "guard_result text", "content_hash text", "occurred_at timestamptz", "created_at timestamptz"),
    CRYPTO_PAYMENT_OUTCOMES(true, "outcome_id text", "payment_id text", "event_id text", "community_id uuid",
            "status text", "previous_status text", "outcome text", "mint_outcome text", "lot_id text",
            "credited_micro bigint", "price_amount text", "price_currency text", "order_id text",
            "occurred_at timestamptz"),
    /**
     * The one table with an update: a payment's current state moves forward when a later accepted
     * outcome arrives, and stays as it is for an older one (a redelivery), so that the database's
     * forward-only trigger never sees a step back from the sink.
     */
    CRYPTO_PAYMENTS(true, "payment_id text", "community_id uuid", "status text", "mint_outcome text", "lot_id text",
            "credited_micro bigint", "price_amount text", "price_currency text", "order_id text",
            "last_event_id text", "first_seen_at timestamptz", "updated_at timestamptz"),
    GUARD_VIOLATIONS(true, "violation_id text", "invariant text", "community_id uuid", "details jsonb",
            "detected_at timestamptz"),
    OPERATOR_ACTIONS(true, "outcome_id text", "action_id text", "idempotency_key text", "kind text", "result text",
            "detail text", "community_id uuid", "payment_id text", "lot_id text", "amount_micro bigint",
            "expires_at timestamptz", "charging text", "minting text", "actor text", "reason text",
            "requested_at timestamptz");

    private static final String FORWARD_ONLY = " ON CONFLICT (payment_id) DO UPDATE SET"
            + " status = EXCLUDED.status,"
            + " mint_outcome = COALESCE(EXCLUDED.mint_outcome, current.mint_outcome),"
            + " lot_id = EXCLUDED.lot_id,"
            + " credited_micro = EXCLUDED.credited_micro,"
            + " price_amount = EXCLUDED.price_amount,"
            + " price_currency = EXCLUDED.price_currency,"
            + " order_id = EXCLUDED.order_id,"
            + " last_event_id = EXCLUDED.last_event_id,"
            + " updated_at = EXCLUDED.updated_at"
            + " WHERE app.payment_status_advances(current.status, EXCLUDED.status)";

    private final boolean tenantScoped;
    private final List<String> columns;
    private final List<String> types;
    private final Map<String, Integer> positions = new HashMap<>();

    LedgerTable(boolean tenantScoped, String... columnsWithTypes) {
        this.tenantScoped = tenantScoped;
        this.columns = Arrays.stream(columnsWithTypes).map(column -> column.split(" ")[0]).toList();
        this.types = Arrays.stream(columnsWithTypes).map(column -> column.split(" ")[1]).toList();
        for (int i = 0; i < columns.size(); i++) {
            positions.put(columns.get(i), i);
        }
    }

    /** The position of {@code column} in a row's values, or -1 when the table has no such column. */
    int position(String column) {
        return positions.getOrDefault(column, -1);
    }

    /** The table's name in schema {@code ledger}. */
    public String tableName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True for the tables with a {@code community_id} under row-level security. */
    public boolean tenantScoped() {
        return tenantScoped;
    }

    /** The columns the sink fills, in the order of a row's values. */
    public List<String> columns() {
        return columns;
    }

    /** The PostgreSQL type of each of {@link #columns()}. */
    public List<String> columnTypes() {
        return types;
    }

    int columnCount() {
        return columns.size();
    }

    String stagingTable() {
        return "sink_stage_" + tableName();
    }

    /** A session's staging table: same columns and types, no constraints, emptied at every commit. */
    String createStagingSql() {
        String definitions = IntStream.range(0, columns.size())
                .mapToObj(i -> columns.get(i) + " " + types.get(i)).collect(Collectors.joining(", "));
        return "CREATE TEMP TABLE IF NOT EXISTS " + stagingTable() + " (" + definitions + ") ON COMMIT DELETE ROWS";
    }

    String copySql() {
        return "COPY pg_temp." + stagingTable() + " (" + columnList() + ") FROM STDIN (FORMAT csv)";
    }

    /**
     * Moves the staged rows into the ledger table; for a tenant table only the rows of one scope (a
     * community id, or null for the rows of no community), which must be the scope the transaction
     * set. The scope is written into the statement as a literal, so that a batch's statements can
     * travel together in one round trip; {@link Scopes#literal} admits nothing but a UUID.
     */
    String insertSql(String communityId) {
        String scope = !tenantScoped ? ""
                : communityId == null ? " WHERE community_id IS NULL"
                : " WHERE community_id = " + Scopes.literal(communityId) + "::uuid";
        String target = this == CRYPTO_PAYMENTS ? "ledger.crypto_payments AS current" : "ledger." + tableName();
        String conflict = this == CRYPTO_PAYMENTS ? FORWARD_ONLY : " ON CONFLICT DO NOTHING";
        return "INSERT INTO " + target + " (" + columnList() + ") SELECT " + columnList()
                + " FROM pg_temp." + stagingTable() + scope + conflict;
    }

    String clearStagingSql() {
        return "DELETE FROM pg_temp." + stagingTable();
    }

    private String columnList() {
        return String.join(", ", columns);
    }
}
