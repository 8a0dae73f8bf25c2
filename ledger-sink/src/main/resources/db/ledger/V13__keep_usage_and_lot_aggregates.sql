-- Why: the admin API's usage and billing reads scanned every usage event or debit of their window
-- (issue 14: 0.5–1 s at a million events, slower every day a community is used). The database now
-- keeps aggregates in the same transaction as the rows they summarise (ADR 0019):
--   usage_hourly     per community × UTC hour × pool: events, amounts, tokens
--   usage_daily_nft  per community × UTC day × NFT ('' for none): events, amount, tokens
--   lot_totals       per lot: minted, debited, expired, revoked (from its entries)
-- maintained by statement-level AFTER INSERT triggers over the rows the statement inserted (its
-- transition table), so they are exactly as idempotent as the rows: a redelivered batch inserts
-- nothing (ON CONFLICT DO NOTHING) and adds nothing. Whoever inserts (the sink, rebuild, a bulk
-- load) keeps them. Sums are numeric: they never overflow.
--
-- The aggregate tables are the one narrow exception to append-only besides crypto_payments: a row
-- is added to by UPDATE, and a BEFORE UPDATE trigger refuses anything but growth of its figures;
-- DELETE and TRUNCATE are refused like everywhere else. They are tenant tables under FORCED RLS.
SET ROLE ledger_owner;

CREATE TABLE ledger.usage_hourly (
    community_id   uuid        NOT NULL,
    hour           timestamptz NOT NULL,
    pool_id        text        NOT NULL,
    events         bigint      NOT NULL CHECK (events >= 0),
    amount_micro   numeric     NOT NULL CHECK (amount_micro >= 0),
    debited_micro  numeric     NOT NULL CHECK (debited_micro >= 0),
    unfunded_micro numeric     NOT NULL CHECK (unfunded_micro >= 0),
    waived_micro   numeric     NOT NULL CHECK (waived_micro >= 0),
    tokens_input   numeric     NOT NULL CHECK (tokens_input >= 0),
    tokens_output  numeric     NOT NULL CHECK (tokens_output >= 0),
    PRIMARY KEY (community_id, hour, pool_id)
);
COMMENT ON TABLE ledger.usage_hourly IS
    'Usage per community, UTC hour (of created_at) and pool, kept by the usage_events_roll_up trigger (ADR 0019).';

CREATE TABLE ledger.usage_daily_nft (
    community_id   uuid    NOT NULL,
    day            date    NOT NULL,
    nft_id         text    NOT NULL,
    events         bigint  NOT NULL CHECK (events >= 0),
    amount_micro   numeric NOT NULL CHECK (amount_micro >= 0),
    tokens_input   numeric NOT NULL CHECK (tokens_input >= 0),
    tokens_output  numeric NOT NULL CHECK (tokens_output >= 0),
    PRIMARY KEY (community_id, day, nft_id)
);
COMMENT ON TABLE ledger.usage_daily_nft IS
    'Usage per community, UTC day (of created_at) and NFT ('''' for usage that named none), kept by usage_events_roll_up (ADR 0019).';

CREATE TABLE ledger.lot_totals (
    lot_id         text    PRIMARY KEY,
    community_id   uuid    NOT NULL,
    entries        bigint  NOT NULL CHECK (entries >= 0),
    minted_micro   numeric NOT NULL CHECK (minted_micro >= 0),
    debited_micro  numeric NOT NULL CHECK (debited_micro >= 0),
    expired_micro  numeric NOT NULL CHECK (expired_micro >= 0),
    revoked_micro  numeric NOT NULL CHECK (revoked_micro >= 0),
    expired        boolean NOT NULL,
    revoked        boolean NOT NULL
);
CREATE INDEX lot_totals_by_community ON ledger.lot_totals (community_id);
COMMENT ON TABLE ledger.lot_totals IS
    'Per lot, the sums of its entries by type, kept by the lot_entries_roll_up trigger (ADR 0019).';

-- Adds a statement's new usage rows to the hourly and daily-NFT aggregates. The rows are upserted in
-- key order, so two transactions touching the same aggregate rows lock them in the same order.
CREATE FUNCTION app.roll_up_usage() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    INSERT INTO ledger.usage_hourly AS total (community_id, hour, pool_id, events, amount_micro, debited_micro,
            unfunded_micro, waived_micro, tokens_input, tokens_output)
    SELECT community_id, date_trunc('hour', created_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', pool_id, count(*),
           sum(amount_micro), sum(debited_micro), sum(unfunded_micro), sum(waived_micro), sum(tokens_input),
           sum(tokens_output)
    FROM inserted
    GROUP BY 1, 2, 3
    ORDER BY 1, 2, 3
    ON CONFLICT (community_id, hour, pool_id) DO UPDATE SET
        events = total.events + EXCLUDED.events,
        amount_micro = total.amount_micro + EXCLUDED.amount_micro,
        debited_micro = total.debited_micro + EXCLUDED.debited_micro,
        unfunded_micro = total.unfunded_micro + EXCLUDED.unfunded_micro,
        waived_micro = total.waived_micro + EXCLUDED.waived_micro,
        tokens_input = total.tokens_input + EXCLUDED.tokens_input,
        tokens_output = total.tokens_output + EXCLUDED.tokens_output;
    INSERT INTO ledger.usage_daily_nft AS total (community_id, day, nft_id, events, amount_micro, tokens_input,
            tokens_output)
    SELECT community_id, (created_at AT TIME ZONE 'UTC')::date, COALESCE(nft_id, ''), count(*), sum(amount_micro),
           sum(tokens_input), sum(tokens_output)
    FROM inserted
    GROUP BY 1, 2, 3
    ORDER BY 1, 2, 3
    ON CONFLICT (community_id, day, nft_id) DO UPDATE SET
        events = total.events + EXCLUDED.events,
        amount_micro = total.amount_micro + EXCLUDED.amount_micro,
        tokens_input = total.tokens_input + EXCLUDED.tokens_input,
        tokens_output = total.tokens_output + EXCLUDED.tokens_output;
    RETURN NULL;
END
$$;

-- Adds a statement's new entries to their lots' totals.
CREATE FUNCTION app.roll_up_lot_entries() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    INSERT INTO ledger.lot_totals AS total (lot_id, community_id, entries, minted_micro, debited_micro,
            expired_micro, revoked_micro, expired, revoked)
    SELECT lot_id, min(community_id::text)::uuid, count(*),
           COALESCE(sum(amount_micro) FILTER (WHERE entry_type = 'lot_minted'), 0),
           COALESCE(sum(amount_micro) FILTER (WHERE entry_type = 'lot_debited'), 0),
           COALESCE(sum(amount_micro) FILTER (WHERE entry_type = 'lot_expired'), 0),
           COALESCE(sum(amount_micro) FILTER (WHERE entry_type = 'lot_revoked'), 0),
           bool_or(entry_type = 'lot_expired'), bool_or(entry_type = 'lot_revoked')
    FROM inserted
    GROUP BY lot_id
    ORDER BY lot_id
    ON CONFLICT (lot_id) DO UPDATE SET
        entries = total.entries + EXCLUDED.entries,
        minted_micro = total.minted_micro + EXCLUDED.minted_micro,
        debited_micro = total.debited_micro + EXCLUDED.debited_micro,
        expired_micro = total.expired_micro + EXCLUDED.expired_micro,
        revoked_micro = total.revoked_micro + EXCLUDED.revoked_micro,
        expired = total.expired OR EXCLUDED.expired,
        revoked = total.revoked OR EXCLUDED.revoked;
    RETURN NULL;
END
$$;

-- The only change an aggregate row allows: its figures grow (or stay), its key never changes and a
-- lot's expired/revoked flags never go back. Plain comparisons per table: it runs for every row a
-- roll-up adds to.
CREATE FUNCTION app.aggregate_only_grows() RETURNS trigger
    LANGUAGE plpgsql
AS $$
DECLARE
    shrinks boolean;
BEGIN
    IF TG_TABLE_NAME = 'usage_hourly' THEN
        shrinks := NEW.community_id <> OLD.community_id OR NEW.hour <> OLD.hour OR NEW.pool_id <> OLD.pool_id
            OR NEW.events < OLD.events OR NEW.amount_micro < OLD.amount_micro
            OR NEW.debited_micro < OLD.debited_micro OR NEW.unfunded_micro < OLD.unfunded_micro
            OR NEW.waived_micro < OLD.waived_micro OR NEW.tokens_input < OLD.tokens_input
            OR NEW.tokens_output < OLD.tokens_output;
    ELSIF TG_TABLE_NAME = 'usage_daily_nft' THEN
        shrinks := NEW.community_id <> OLD.community_id OR NEW.day <> OLD.day OR NEW.nft_id <> OLD.nft_id
            OR NEW.events < OLD.events OR NEW.amount_micro < OLD.amount_micro
            OR NEW.tokens_input < OLD.tokens_input OR NEW.tokens_output < OLD.tokens_output;
    ELSE
        shrinks := NEW.lot_id <> OLD.lot_id OR NEW.community_id <> OLD.community_id OR NEW.entries < OLD.entries
            OR NEW.minted_micro < OLD.minted_micro OR NEW.debited_micro < OLD.debited_micro
            OR NEW.expired_micro < OLD.expired_micro OR NEW.revoked_micro < OLD.revoked_micro
            OR (OLD.expired AND NOT NEW.expired) OR (OLD.revoked AND NOT NEW.revoked);
    END IF;
    IF shrinks THEN
        RAISE EXCEPTION '%: an aggregate row may only grow; its key and its figures never go back', TG_TABLE_NAME
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END
$$;

REVOKE ALL ON FUNCTION app.roll_up_usage() FROM PUBLIC;
REVOKE ALL ON FUNCTION app.roll_up_lot_entries() FROM PUBLIC;
REVOKE ALL ON FUNCTION app.aggregate_only_grows() FROM PUBLIC;

CREATE TRIGGER usage_events_roll_up AFTER INSERT ON ledger.usage_events
    REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION app.roll_up_usage();
ALTER TABLE ledger.usage_events ENABLE ALWAYS TRIGGER usage_events_roll_up;
CREATE TRIGGER lot_entries_roll_up AFTER INSERT ON ledger.lot_entries
    REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION app.roll_up_lot_entries();
ALTER TABLE ledger.lot_entries ENABLE ALWAYS TRIGGER lot_entries_roll_up;

DO $$
DECLARE
    aggregate text;
BEGIN
    FOREACH aggregate IN ARRAY ARRAY['usage_hourly', 'usage_daily_nft', 'lot_totals'] LOOP
        EXECUTE format('CREATE TRIGGER %I BEFORE DELETE OR TRUNCATE ON ledger.%I '
                'FOR EACH STATEMENT EXECUTE FUNCTION app.reject_change()', aggregate || '_append_only', aggregate);
        EXECUTE format('ALTER TABLE ledger.%I ENABLE ALWAYS TRIGGER %I', aggregate, aggregate || '_append_only');
        EXECUTE format('CREATE TRIGGER %I BEFORE UPDATE ON ledger.%I '
                'FOR EACH ROW EXECUTE FUNCTION app.aggregate_only_grows()', aggregate || '_only_grows', aggregate);
        EXECUTE format('ALTER TABLE ledger.%I ENABLE ALWAYS TRIGGER %I', aggregate, aggregate || '_only_grows');
        EXECUTE format('ALTER TABLE ledger.%I ENABLE ROW LEVEL SECURITY', aggregate);
        EXECUTE format('ALTER TABLE ledger.%I FORCE ROW LEVEL SECURITY', aggregate);
        EXECUTE format('CREATE POLICY tenant_read ON ledger.%I FOR SELECT TO ledger_reader '
                'USING (community_id = (SELECT app.current_community_id()))', aggregate);
        EXECUTE format('CREATE POLICY platform_read ON ledger.%I FOR SELECT TO ledger_platform USING (true)', aggregate);
        -- The writer adds to the rows of its transaction's tenant (through the roll-up triggers).
        EXECUTE format('CREATE POLICY tenant_insert ON ledger.%I FOR INSERT TO ledger_writer '
                'WITH CHECK (community_id = (SELECT app.current_community_id()))', aggregate);
        EXECUTE format('CREATE POLICY tenant_upsert_read ON ledger.%I FOR SELECT TO ledger_writer '
                'USING (community_id = (SELECT app.current_community_id()))', aggregate);
        EXECUTE format('CREATE POLICY tenant_add ON ledger.%I FOR UPDATE TO ledger_writer '
                'USING (community_id = (SELECT app.current_community_id())) '
                'WITH CHECK (community_id = (SELECT app.current_community_id()))', aggregate);
        EXECUTE format('REVOKE ALL ON ledger.%I FROM PUBLIC', aggregate);
        EXECUTE format('GRANT SELECT, INSERT, UPDATE ON ledger.%I TO ledger_writer', aggregate);
        EXECUTE format('GRANT SELECT ON ledger.%I TO ledger_reader, ledger_platform', aggregate);
    END LOOP;
END
$$;

-- What the ledger holds already: summed once, here, through policies that exist only for the
-- length of this migration's transaction (the owner has no policy of its own under FORCED RLS).
CREATE POLICY backfill_read ON ledger.usage_events FOR SELECT TO ledger_owner USING (true);
CREATE POLICY backfill_read ON ledger.lot_entries FOR SELECT TO ledger_owner USING (true);
CREATE POLICY backfill_write ON ledger.usage_hourly FOR INSERT TO ledger_owner WITH CHECK (true);
CREATE POLICY backfill_write ON ledger.usage_daily_nft FOR INSERT TO ledger_owner WITH CHECK (true);
CREATE POLICY backfill_write ON ledger.lot_totals FOR INSERT TO ledger_owner WITH CHECK (true);

INSERT INTO ledger.usage_hourly (community_id, hour, pool_id, events, amount_micro, debited_micro, unfunded_micro,
        waived_micro, tokens_input, tokens_output)
SELECT community_id, date_trunc('hour', created_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', pool_id, count(*),
       sum(amount_micro), sum(debited_micro), sum(unfunded_micro), sum(waived_micro), sum(tokens_input),
       sum(tokens_output)
FROM ledger.usage_events GROUP BY 1, 2, 3;
INSERT INTO ledger.usage_daily_nft (community_id, day, nft_id, events, amount_micro, tokens_input, tokens_output)
SELECT community_id, (created_at AT TIME ZONE 'UTC')::date, COALESCE(nft_id, ''), count(*), sum(amount_micro),
       sum(tokens_input), sum(tokens_output)
FROM ledger.usage_events GROUP BY 1, 2, 3;
INSERT INTO ledger.lot_totals (lot_id, community_id, entries, minted_micro, debited_micro, expired_micro,
        revoked_micro, expired, revoked)
SELECT lot_id, min(community_id::text)::uuid, count(*),
       COALESCE(sum(amount_micro) FILTER (WHERE entry_type = 'lot_minted'), 0),
       COALESCE(sum(amount_micro) FILTER (WHERE entry_type = 'lot_debited'), 0),
       COALESCE(sum(amount_micro) FILTER (WHERE entry_type = 'lot_expired'), 0),
       COALESCE(sum(amount_micro) FILTER (WHERE entry_type = 'lot_revoked'), 0),
       bool_or(entry_type = 'lot_expired'), bool_or(entry_type = 'lot_revoked')
FROM ledger.lot_entries GROUP BY lot_id;

DROP POLICY backfill_read ON ledger.usage_events;
DROP POLICY backfill_read ON ledger.lot_entries;
DROP POLICY backfill_write ON ledger.usage_hourly;
DROP POLICY backfill_write ON ledger.usage_daily_nft;
DROP POLICY backfill_write ON ledger.lot_totals;

RESET ROLE;
