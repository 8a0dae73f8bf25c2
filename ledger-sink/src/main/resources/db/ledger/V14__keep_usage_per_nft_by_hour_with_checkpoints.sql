-- Why: the usage report's NFT breakdown read one usage_daily_nft row per NFT and whole day of its
-- window, plus every raw event of the window's two partial days: 40 ms at a million events with a
-- thousand NFTs, 145-161 ms at ten million whatever the window's length (issue 14, goal 25 ms).
-- It now reads what any window needs from two aggregates (ADR 0021):
--   usage_nft_hourly      per community × UTC hour × NFT ('' for none): events, amount, tokens
--   usage_nft_checkpoints per community × 6-hour block start × NFT: the NFT's usage received
--                         before the block, for every block in which the community has usage
-- An NFT's usage before any time T is its checkpoint at the latest block start S <= T plus its hourly
-- rows in [S, T): at most a checkpoint and six hours of rows per NFT, whatever the ledger's age; a
-- window is "before its end" minus "before its start", plus the raw events of its two partial hours.
-- Both are kept by the usage roll-up trigger in the transaction that inserts the rows, exactly as
-- idempotent as them (the statement's transition table holds only the rows it inserted), and may
-- only grow like the other aggregates. usage_daily_nft is replaced: it is dropped here (it was an
-- aggregate of usage_events, which still hold every row it summed).
SET ROLE ledger_owner;

CREATE TABLE ledger.usage_nft_hourly (
    community_id  uuid        NOT NULL,
    hour          timestamptz NOT NULL,
    nft_id        text        NOT NULL,
    events        bigint      NOT NULL CHECK (events >= 0),
    amount_micro  numeric     NOT NULL CHECK (amount_micro >= 0),
    tokens_input  numeric     NOT NULL CHECK (tokens_input >= 0),
    tokens_output numeric     NOT NULL CHECK (tokens_output >= 0),
    PRIMARY KEY (community_id, hour, nft_id)
);
COMMENT ON TABLE ledger.usage_nft_hourly IS
    'Usage per community, UTC hour (of created_at) and NFT ('''' for none), kept by usage_events_roll_up (ADR 0021).';

-- The same columns and key; hour is a block start, and the figures are the usage before it.
CREATE TABLE ledger.usage_nft_checkpoints (LIKE ledger.usage_nft_hourly INCLUDING ALL);
COMMENT ON TABLE ledger.usage_nft_checkpoints IS
    'Per community, 6-hour block start (hour) in which it has usage, and NFT: the NFT''s usage received before hour '
    '(ADR 0021), kept by usage_events_roll_up.';

-- The 6-hour block (UTC 00, 06, 12, 18) a time falls in.
CREATE FUNCTION app.usage_nft_block(at timestamptz) RETURNS timestamptz
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN date_bin('6 hours', at, timestamptz '2000-01-01 00:00:00+00');

-- Writes the checkpoint of a community's block: each NFT's usage before the block, from the latest
-- earlier checkpoint and the hourly rows since it (at most one block's worth: every block with usage
-- has its checkpoint). Nothing is written when no usage came before the block.
CREATE FUNCTION app.write_usage_nft_checkpoint(community uuid, block timestamptz) RETURNS void
    LANGUAGE plpgsql
AS $$
DECLARE
    previous timestamptz;
BEGIN
    SELECT max(hour) INTO previous FROM ledger.usage_nft_checkpoints WHERE community_id = community AND hour < block;
    INSERT INTO ledger.usage_nft_checkpoints (community_id, hour, nft_id, events, amount_micro, tokens_input,
            tokens_output)
    SELECT community, block, nft_id, sum(events), sum(amount_micro), sum(tokens_input), sum(tokens_output)
    FROM (SELECT nft_id, events, amount_micro, tokens_input, tokens_output FROM ledger.usage_nft_checkpoints
          WHERE community_id = community AND hour = previous
          UNION ALL
          SELECT nft_id, events, amount_micro, tokens_input, tokens_output FROM ledger.usage_nft_hourly
          WHERE community_id = community AND hour >= COALESCE(previous, '-infinity') AND hour < block) parts
    GROUP BY nft_id
    ORDER BY nft_id;
END
$$;

-- Adds a statement's new usage rows to the hourly pool aggregate, the hourly NFT aggregate and the NFT
-- checkpoints, per community, under a transaction lock on the community: a checkpoint is computed
-- from the rows before it, so two transactions must not add to one community at once (the sink
-- never does: a community is one partition's; the lock makes it a rule, not a habit).
CREATE OR REPLACE FUNCTION app.roll_up_usage() RETURNS trigger
    LANGUAGE plpgsql
AS $$
DECLARE
    community uuid;
    first_at timestamptz;
    last_at timestamptz;
    latest timestamptz;
    latest_block timestamptz;
    block timestamptz;
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
    FOR community, first_at, last_at IN SELECT community_id, min(created_at), max(created_at) FROM inserted
            GROUP BY 1 ORDER BY 1 LOOP
        PERFORM pg_advisory_xact_lock(hashtextextended('ledger.usage_nft:' || community::text, 0));
        SELECT max(hour) INTO latest FROM ledger.usage_nft_hourly WHERE community_id = community;
        latest_block := app.usage_nft_block(latest);
        IF first_at < latest_block THEN
            -- Usage received before a block that already has usage (a late arrival, or a rebuild out
            -- of receipt order) belongs in that block's checkpoint and every later one's.
            INSERT INTO ledger.usage_nft_checkpoints AS total (community_id, hour, nft_id, events, amount_micro,
                    tokens_input, tokens_output)
            SELECT community, later.block, late.nft_id, sum(late.events), sum(late.amount_micro),
                   sum(late.tokens_input), sum(late.tokens_output)
            FROM (SELECT date_trunc('hour', created_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS hour,
                         COALESCE(nft_id, '') AS nft_id, count(*) AS events, sum(amount_micro) AS amount_micro,
                         sum(tokens_input) AS tokens_input, sum(tokens_output) AS tokens_output
                  FROM inserted
                  WHERE community_id = community AND created_at < latest_block
                  GROUP BY 1, 2) late
            CROSS JOIN LATERAL generate_series(app.usage_nft_block(late.hour) + interval '6 hours', latest_block,
                    interval '6 hours') AS later(block)
            WHERE EXISTS (SELECT 1 FROM ledger.usage_nft_hourly used WHERE used.community_id = community
                          AND used.hour >= later.block AND used.hour < later.block + interval '6 hours')
            GROUP BY later.block, late.nft_id
            ORDER BY later.block, late.nft_id
            ON CONFLICT (community_id, hour, nft_id) DO UPDATE SET
                events = total.events + EXCLUDED.events,
                amount_micro = total.amount_micro + EXCLUDED.amount_micro,
                tokens_input = total.tokens_input + EXCLUDED.tokens_input,
                tokens_output = total.tokens_output + EXCLUDED.tokens_output;
        END IF;
        INSERT INTO ledger.usage_nft_hourly AS total (community_id, hour, nft_id, events, amount_micro, tokens_input,
                tokens_output)
        SELECT community, date_trunc('hour', created_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', COALESCE(nft_id, ''),
               count(*), sum(amount_micro), sum(tokens_input), sum(tokens_output)
        FROM inserted
        WHERE community_id = community
        GROUP BY 2, 3
        ORDER BY 2, 3
        ON CONFLICT (community_id, hour, nft_id) DO UPDATE SET
            events = total.events + EXCLUDED.events,
            amount_micro = total.amount_micro + EXCLUDED.amount_micro,
            tokens_input = total.tokens_input + EXCLUDED.tokens_input,
            tokens_output = total.tokens_output + EXCLUDED.tokens_output;
        -- A block's first usage writes its checkpoint (from the rows just added for the earlier hours).
        -- The block of the latest usage before this statement has its checkpoint, later blocks have
        -- none; an earlier block has one if it had usage.
        IF latest IS NULL OR last_at >= latest_block + interval '6 hours' OR first_at < latest_block THEN
            FOR block IN SELECT DISTINCT app.usage_nft_block(created_at) FROM inserted
                    WHERE community_id = community AND app.usage_nft_block(created_at) IS DISTINCT FROM latest_block
                    ORDER BY 1 LOOP
                IF block > latest_block OR latest_block IS NULL OR NOT EXISTS (
                        SELECT 1 FROM ledger.usage_nft_checkpoints WHERE community_id = community AND hour = block) THEN
                    PERFORM app.write_usage_nft_checkpoint(community, block);
                END IF;
            END LOOP;
        END IF;
    END LOOP;
    RETURN NULL;
END
$$;

-- The growth check, with the two new aggregates in place of usage_daily_nft.
CREATE OR REPLACE FUNCTION app.aggregate_only_grows() RETURNS trigger
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
    ELSIF TG_TABLE_NAME IN ('usage_nft_hourly', 'usage_nft_checkpoints') THEN
        shrinks := NEW.community_id <> OLD.community_id OR NEW.hour <> OLD.hour OR NEW.nft_id <> OLD.nft_id
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

-- The roll-up trigger runs as whoever inserts usage (the writer); what it calls, it may call.
REVOKE ALL ON FUNCTION app.usage_nft_block(timestamptz) FROM PUBLIC;
REVOKE ALL ON FUNCTION app.write_usage_nft_checkpoint(uuid, timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app.usage_nft_block(timestamptz) TO ledger_writer;
GRANT EXECUTE ON FUNCTION app.write_usage_nft_checkpoint(uuid, timestamptz) TO ledger_writer;

DO $$
DECLARE
    aggregate text;
BEGIN
    FOREACH aggregate IN ARRAY ARRAY['usage_nft_hourly', 'usage_nft_checkpoints'] LOOP
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

-- What the ledger holds already, summed once here through policies that exist only for the length
-- of this migration's transaction (the owner has no policy of its own under FORCED RLS).
CREATE POLICY backfill_read ON ledger.usage_events FOR SELECT TO ledger_owner USING (true);
CREATE POLICY backfill_write ON ledger.usage_nft_hourly FOR ALL TO ledger_owner USING (true) WITH CHECK (true);
CREATE POLICY backfill_write ON ledger.usage_nft_checkpoints FOR ALL TO ledger_owner USING (true) WITH CHECK (true);

INSERT INTO ledger.usage_nft_hourly (community_id, hour, nft_id, events, amount_micro, tokens_input, tokens_output)
SELECT community_id, date_trunc('hour', created_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', COALESCE(nft_id, ''),
       count(*), sum(amount_micro), sum(tokens_input), sum(tokens_output)
FROM ledger.usage_events GROUP BY 1, 2, 3;
DO $$
DECLARE
    used record;
BEGIN
    FOR used IN SELECT DISTINCT community_id, app.usage_nft_block(hour) AS block FROM ledger.usage_nft_hourly
            ORDER BY 1, 2 LOOP
        PERFORM app.write_usage_nft_checkpoint(used.community_id, used.block);
    END LOOP;
END
$$;

DROP POLICY backfill_read ON ledger.usage_events;
DROP POLICY backfill_write ON ledger.usage_nft_hourly;
DROP POLICY backfill_write ON ledger.usage_nft_checkpoints;

DROP TABLE ledger.usage_daily_nft;

RESET ROLE;
