-- Why: SPEC 6's ledger. One table per kind of record on the ledger topics, each keyed by the
-- record's deterministic id, so that the sink's INSERT … ON CONFLICT DO NOTHING makes a redelivery
-- or a replay change nothing (ADR 0004). Money is BIGINT micro-credits, never negative (ADR 0001);
-- relations between amounts (debits plus unfunded equal the amount, …) are deliberately not
-- constraints: the conservation guard reports a broken relation as a violation, and the record
-- must still be kept (usage is never dropped). Every table is append-only (trigger below, and no
-- UPDATE/DELETE grants in V5); crypto_payments alone may move its status forward.
-- `written_at` is when the sink's transaction wrote the row: operational, not part of the ledger's
-- content (replays and digests ignore it).
SET ROLE ledger_owner;

CREATE TABLE ledger.credit_lots (
    lot_id        text        PRIMARY KEY,
    community_id  uuid        NOT NULL,
    source        text        NOT NULL CHECK (source IN ('payment', 'grant')),
    payment_id    text,
    grant_id      text,
    minted_micro  bigint      NOT NULL CHECK (minted_micro >= 0),
    created_at    timestamptz NOT NULL,
    expires_at    timestamptz,
    written_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT credit_lots_cause_matches_source
        CHECK ((source = 'payment') = (payment_id IS NOT NULL) AND (source = 'grant') = (grant_id IS NOT NULL)),
    -- The target of lot_entries' foreign key: an entry must carry its lot's community (I-11).
    CONSTRAINT credit_lots_lot_in_community UNIQUE (lot_id, community_id)
);
-- I-5: at most one lot per payment.
CREATE UNIQUE INDEX credit_lots_one_per_payment ON ledger.credit_lots (payment_id) WHERE payment_id IS NOT NULL;
CREATE INDEX credit_lots_by_community ON ledger.credit_lots (community_id, created_at);
COMMENT ON TABLE ledger.credit_lots IS
    'One row per credit lot, from its lot_minted entry on ledger.entries.v1. Remaining credit: view lot_balances.';

CREATE TABLE ledger.lot_entries (
    entry_id         text        PRIMARY KEY,
    community_id     uuid        NOT NULL,
    lot_id           text        NOT NULL,
    entry_type       text        NOT NULL
        CHECK (entry_type IN ('lot_minted', 'lot_debited', 'lot_expired', 'lot_revoked')),
    amount_micro     bigint      NOT NULL CHECK (amount_micro >= 0),
    lot_source       text        NOT NULL CHECK (lot_source IN ('payment', 'grant')),
    payment_id       text,
    grant_id         text,
    finalization_id  text,
    occurred_at      timestamptz NOT NULL,
    written_at       timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT lot_entries_debits_name_their_finalization
        CHECK ((entry_type = 'lot_debited') = (finalization_id IS NOT NULL)),
    CONSTRAINT lot_entries_lot_in_community
        FOREIGN KEY (lot_id, community_id) REFERENCES ledger.credit_lots (lot_id, community_id)
);
CREATE INDEX lot_entries_by_community ON ledger.lot_entries (community_id, occurred_at);
CREATE INDEX lot_entries_by_lot ON ledger.lot_entries (lot_id);
CREATE INDEX lot_entries_by_finalization ON ledger.lot_entries (community_id, finalization_id)
    WHERE finalization_id IS NOT NULL;
COMMENT ON TABLE ledger.lot_entries IS
    'Every change to every lot (ledger.entries.v1), the mint included: the audit trail of credit.';

-- One grouped pass over the entries the caller may see (under row-level security: its community's),
-- rather than a lookup per lot; a filter on lot_id still reaches the entries through the grouping.
CREATE VIEW ledger.lot_balances WITH (security_invoker = true) AS
SELECT lot.lot_id,
       lot.community_id,
       lot.source,
       lot.payment_id,
       lot.grant_id,
       lot.created_at,
       lot.expires_at,
       lot.minted_micro,
       COALESCE(totals.debited_micro, 0) AS debited_micro,
       COALESCE(totals.expired_micro, 0) AS expired_micro,
       COALESCE(totals.revoked_micro, 0) AS revoked_micro,
       lot.minted_micro - COALESCE(totals.debited_micro, 0) - COALESCE(totals.expired_micro, 0)
           - COALESCE(totals.revoked_micro, 0) AS remaining_micro,
       CASE WHEN totals.revoked THEN 'revoked' WHEN totals.expired THEN 'expired' ELSE 'active' END AS status
FROM ledger.credit_lots lot
LEFT JOIN (
    SELECT entry.lot_id,
           COALESCE(sum(entry.amount_micro) FILTER (WHERE entry.entry_type = 'lot_debited'), 0)::bigint AS debited_micro,
           COALESCE(sum(entry.amount_micro) FILTER (WHERE entry.entry_type = 'lot_expired'), 0)::bigint AS expired_micro,
           COALESCE(sum(entry.amount_micro) FILTER (WHERE entry.entry_type = 'lot_revoked'), 0)::bigint AS revoked_micro,
           bool_or(entry.entry_type = 'lot_expired') AS expired,
           bool_or(entry.entry_type = 'lot_revoked') AS revoked
    FROM ledger.lot_entries entry
    GROUP BY entry.lot_id
) totals ON totals.lot_id = lot.lot_id;
COMMENT ON VIEW ledger.lot_balances IS
    'Remaining credit per lot: minted - debited - expired - revoked. security_invoker: the caller''s row-level security applies.';

CREATE TABLE ledger.usage_events (
    finalization_id  text        NOT NULL,
    community_id     uuid        NOT NULL,
    pool_id          text        NOT NULL,
    nft_id           text,
    tokens_input     bigint      NOT NULL CHECK (tokens_input >= 0),
    tokens_output    bigint      NOT NULL CHECK (tokens_output >= 0),
    amount_micro     bigint      NOT NULL CHECK (amount_micro >= 0),
    reservation_id   text,
    reserved_micro   bigint      CHECK (reserved_micro >= 0),
    debited_micro    bigint      NOT NULL CHECK (debited_micro >= 0),
    unfunded_micro   bigint      NOT NULL CHECK (unfunded_micro >= 0),
    debits           jsonb       NOT NULL,
    guard_result     text        NOT NULL CHECK (guard_result IN ('pass', 'fail')),
    content_hash     text        NOT NULL,
    occurred_at      timestamptz NOT NULL,
    created_at       timestamptz NOT NULL,
    written_at       timestamptz NOT NULL DEFAULT now(),
    -- Finalization ids are unique per community (ADR 0008): an id reused by another community is
    -- that community's usage too, reported as an I-6 violation, never merged.
    PRIMARY KEY (community_id, finalization_id)
);
CREATE INDEX usage_events_by_community ON ledger.usage_events (community_id, created_at);
COMMENT ON TABLE ledger.usage_events IS
    'One row per community and finalization (I-6, ADR 0008), from ledger.usage-events.v1. created_at: when the ingest API received it.';

CREATE TABLE ledger.webhook_events (
    provider           text        NOT NULL,
    event_id           text        NOT NULL,
    payment_id         text,
    signature_form     text,
    quarantine_reason  text,
    received_at        timestamptz NOT NULL,
    canonical          text        NOT NULL,
    written_at         timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (provider, event_id)
);
CREATE INDEX webhook_events_by_payment ON ledger.webhook_events (payment_id, received_at);
CREATE INDEX webhook_events_quarantined ON ledger.webhook_events (received_at) WHERE quarantine_reason IS NOT NULL;
COMMENT ON TABLE ledger.webhook_events IS
    'Every verified provider notification (payments.ipn.v1) and every quarantined one (payments.ipn.quarantine.v1, quarantine_reason set), exactly as signed.';

CREATE TABLE ledger.crypto_payment_outcomes (
    outcome_id       text        PRIMARY KEY,
    payment_id       text        NOT NULL,
    event_id         text        NOT NULL,
    community_id     uuid,
    status           text        NOT NULL CHECK (status IN ('waiting', 'confirming', 'confirmed', 'sending', 'partially_paid',
                                     'finished', 'failed', 'expired', 'refunded')),
    previous_status  text        CHECK (previous_status IN ('waiting', 'confirming', 'confirmed', 'sending', 'partially_paid',
                                     'finished', 'failed', 'expired', 'refunded')),
    outcome          text        NOT NULL CHECK (outcome IN ('accepted', 'stale', 'duplicate')),
    mint_outcome     text        CHECK (mint_outcome IN ('minted', 'below_minimum', 'unsupported_currency',
                                     'invalid_price', 'amount_out_of_range', 'unknown_community', 'partially_paid')),
    lot_id           text,
    credited_micro   bigint      NOT NULL CHECK (credited_micro >= 0),
    price_amount     text        NOT NULL,
    price_currency   text        NOT NULL,
    order_id         text        NOT NULL,
    occurred_at      timestamptz NOT NULL,
    written_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX crypto_payment_outcomes_by_payment ON ledger.crypto_payment_outcomes (payment_id, occurred_at);
CREATE INDEX crypto_payment_outcomes_by_community ON ledger.crypto_payment_outcomes (community_id, occurred_at);
COMMENT ON TABLE ledger.crypto_payment_outcomes IS
    'A payment''s status history: what every notification did (accepted, stale, duplicate), from ledger.payments.v1.';

CREATE TABLE ledger.crypto_payments (
    payment_id      text        PRIMARY KEY,
    community_id    uuid,
    status          text        NOT NULL CHECK (status IN ('waiting', 'confirming', 'confirmed', 'sending',
                                    'partially_paid', 'finished', 'failed', 'expired', 'refunded')),
    mint_outcome    text        CHECK (mint_outcome IN ('minted', 'below_minimum', 'unsupported_currency',
                                    'invalid_price', 'amount_out_of_range', 'unknown_community', 'partially_paid')),
    lot_id          text,
    credited_micro  bigint      NOT NULL CHECK (credited_micro >= 0),
    price_amount    text        NOT NULL,
    price_currency  text        NOT NULL,
    order_id        text        NOT NULL,
    last_event_id   text        NOT NULL,
    first_seen_at   timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    written_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX crypto_payments_by_community ON ledger.crypto_payments (community_id, first_seen_at);
COMMENT ON TABLE ledger.crypto_payments IS
    'Current state per payment: its latest accepted outcome. The only row the ledger updates, and only forward (SPEC 5.1).';

CREATE TABLE ledger.guard_violations (
    violation_id  text        PRIMARY KEY,
    invariant     text        NOT NULL CHECK (invariant ~ '^I-([1-9]|1[0-4])$'),
    community_id  uuid,
    details       jsonb       NOT NULL,
    detected_at   timestamptz NOT NULL,
    written_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX guard_violations_by_community ON ledger.guard_violations (community_id, detected_at);
CREATE INDEX guard_violations_by_invariant ON ledger.guard_violations (invariant, detected_at);
COMMENT ON TABLE ledger.guard_violations IS
    'Every failed conservation check (ledger.guard-violations.v1); community_id is null for system-wide ones.';

CREATE TABLE ledger.reconciliation_runs (
    run_id               uuid        PRIMARY KEY,
    kind                 text        NOT NULL CHECK (kind IN ('reconcile', 'rebuild')),
    started_at           timestamptz NOT NULL,
    finished_at          timestamptz NOT NULL,
    replayed_from        timestamptz,
    result               text        NOT NULL CHECK (result IN ('ok', 'differences', 'failed')),
    communities_checked  integer     NOT NULL CHECK (communities_checked >= 0),
    differences_count    integer     NOT NULL CHECK (differences_count >= 0),
    differences          jsonb       NOT NULL DEFAULT '[]',
    digests              jsonb       NOT NULL DEFAULT '{}',
    written_at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX reconciliation_runs_recent ON ledger.reconciliation_runs (finished_at DESC);
COMMENT ON TABLE ledger.reconciliation_runs IS
    'One row per finished reconcile or rebuild run (SPEC 8), written by that tool as ledger_writer.';

CREATE TABLE ledger.dead_letters (
    dlq_topic         text        NOT NULL,
    dlq_partition     integer     NOT NULL,
    dlq_offset        bigint      NOT NULL,
    source_topic      text,
    source_partition  integer,
    source_offset     bigint,
    reason            text,
    exception         text,
    failed_at         timestamptz,
    record_key        bytea,
    record_value      bytea,
    headers           jsonb       NOT NULL,
    dead_lettered_at  timestamptz NOT NULL,
    written_at        timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (dlq_topic, dlq_partition, dlq_offset)
);
CREATE INDEX dead_letters_recent ON ledger.dead_letters (dead_lettered_at DESC);
COMMENT ON TABLE ledger.dead_letters IS
    'Every record of every *.dlq.v1 topic, with its original bytes and the dlq.* headers taken apart.';

CREATE TABLE ledger.sink_rejects (
    source_topic       text        NOT NULL,
    source_partition   integer     NOT NULL,
    source_offset      bigint      NOT NULL,
    stage              text        NOT NULL CHECK (stage IN ('decode', 'database')),
    sql_state          text,
    reason             text        NOT NULL,
    dead_letter_topic  text,
    record_key         bytea,
    record_value       bytea,
    rejected_at        timestamptz NOT NULL,
    written_at         timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (source_topic, source_partition, source_offset)
);
CREATE INDEX sink_rejects_recent ON ledger.sink_rejects (rejected_at DESC);
COMMENT ON TABLE ledger.sink_rejects IS
    'Records the sink could not write (undecodable, or refused by PostgreSQL for their data), also sent to their dead-letter topic.';

-- Append-only: one statement-level trigger per table rejects UPDATE, DELETE and TRUNCATE (even of
-- zero rows). ENABLE ALWAYS: it fires under session_replication_role = replica too, so a
-- replication-mode session cannot skip it. crypto_payments allows its forward-only UPDATE instead.
DO $$
DECLARE
    append_only text;
BEGIN
    FOREACH append_only IN ARRAY ARRAY['credit_lots', 'lot_entries', 'usage_events', 'webhook_events',
            'crypto_payment_outcomes', 'guard_violations', 'reconciliation_runs', 'dead_letters', 'sink_rejects'] LOOP
        EXECUTE format('CREATE TRIGGER %I BEFORE UPDATE OR DELETE OR TRUNCATE ON ledger.%I '
                'FOR EACH STATEMENT EXECUTE FUNCTION app.reject_change()', append_only || '_append_only', append_only);
        EXECUTE format('ALTER TABLE ledger.%I ENABLE ALWAYS TRIGGER %I', append_only, append_only || '_append_only');
    END LOOP;
END
$$;

CREATE TRIGGER crypto_payments_append_only BEFORE DELETE OR TRUNCATE ON ledger.crypto_payments
    FOR EACH STATEMENT EXECUTE FUNCTION app.reject_change();
CREATE TRIGGER crypto_payments_forward_only BEFORE UPDATE ON ledger.crypto_payments
    FOR EACH ROW EXECUTE FUNCTION app.crypto_payments_forward_only();
ALTER TABLE ledger.crypto_payments ENABLE ALWAYS TRIGGER crypto_payments_append_only;
ALTER TABLE ledger.crypto_payments ENABLE ALWAYS TRIGGER crypto_payments_forward_only;

RESET ROLE;
