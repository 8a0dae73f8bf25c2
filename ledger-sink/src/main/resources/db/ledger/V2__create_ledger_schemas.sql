-- Why: the tenant scope and the append-only rule must hold for every client, not only for the
-- sink, so they live in the database as functions that the policies and triggers of the later
-- migrations call. Schema `ledger` holds the tables, `app` the functions every role may call,
-- `platform` (V6) the only cross-tenant reads. Everything here is owned by ledger_owner.
SET ROLE ledger_owner;

CREATE SCHEMA app;
CREATE SCHEMA ledger;

-- The tenant of the current transaction, from `SET LOCAL app.community_id = '<uuid>'` (or
-- `set_config('app.community_id', '<uuid>', true)`). Raises when the transaction did not set it, so
-- that a forgotten scope is an error instead of an empty (or, worse, a full) answer. The value
-- `none` names the rows that belong to no community (a payment whose order id names none, a
-- system-wide violation): it returns NULL, which matches no row under `community_id = …` and only
-- NULL under `IS NOT DISTINCT FROM`, the writer's check.
CREATE FUNCTION app.current_community_id() RETURNS uuid
    LANGUAGE plpgsql STABLE PARALLEL SAFE
AS $$
DECLARE
    scope text := pg_catalog.current_setting('app.community_id', true);
BEGIN
    IF scope IS NULL OR scope = '' THEN
        RAISE EXCEPTION 'app.community_id is not set in this transaction'
            USING ERRCODE = 'LS001',
                  HINT = 'SET LOCAL app.community_id = ''<community uuid>'' before reading or writing tenant tables';
    END IF;
    IF scope = 'none' THEN
        RETURN NULL;
    END IF;
    -- Anything else must be a UUID; the cast raises (22P02) for a value that is not one.
    RETURN scope::uuid;
END
$$;

-- Statement-level guard of the append-only tables: it fires for UPDATE, DELETE and TRUNCATE even
-- when no row matches, so an attempt is an error, never a silent no-op.
CREATE FUNCTION app.reject_change() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    RAISE EXCEPTION '% on %.% is not allowed: the ledger is append-only; a correction is a new, compensating record',
            TG_OP, TG_TABLE_SCHEMA, TG_TABLE_NAME
        USING ERRCODE = 'LS002';
END
$$;

-- SPEC 5.1, restated for the database (the payment decider and the conservation guard state it
-- too, independently, so that one mistake cannot hide in all three).
CREATE FUNCTION app.payment_status_rank(status text) RETURNS integer
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
    SELECT CASE status
        WHEN 'waiting' THEN 0
        WHEN 'confirming' THEN 1
        WHEN 'confirmed' THEN 2
        WHEN 'sending' THEN 3
        WHEN 'partially_paid' THEN 4
        WHEN 'finished' THEN 5
        WHEN 'failed' THEN 5
        WHEN 'expired' THEN 5
        WHEN 'refunded' THEN 6
    END
$$;

CREATE FUNCTION app.payment_status_advances(from_status text, to_status text) RETURNS boolean
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
    SELECT CASE
        WHEN from_status IN ('failed', 'expired', 'refunded') THEN false
        WHEN from_status = 'finished' OR to_status = 'refunded' THEN from_status = 'finished' AND to_status = 'refunded'
        ELSE app.payment_status_rank(to_status) > app.payment_status_rank(from_status)
    END
$$;

-- The one UPDATE the ledger allows: a payment's current state moves forward (SPEC 5.1). What
-- identifies the payment never changes, and neither does its lot once it has one (I-5).
CREATE FUNCTION app.crypto_payments_forward_only() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    IF NEW.payment_id IS DISTINCT FROM OLD.payment_id
            OR NEW.community_id IS DISTINCT FROM OLD.community_id
            OR NEW.first_seen_at IS DISTINCT FROM OLD.first_seen_at
            OR NEW.written_at IS DISTINCT FROM OLD.written_at THEN
        RAISE EXCEPTION 'payment %: its id, community and first sighting never change', OLD.payment_id
            USING ERRCODE = 'check_violation';
    END IF;
    IF NOT app.payment_status_advances(OLD.status, NEW.status) THEN
        RAISE EXCEPTION 'payment %: status may only move forward (SPEC 5.1), not % -> %',
                OLD.payment_id, OLD.status, NEW.status
            USING ERRCODE = 'check_violation';
    END IF;
    IF OLD.lot_id IS NOT NULL AND (NEW.lot_id IS DISTINCT FROM OLD.lot_id
            OR NEW.credited_micro IS DISTINCT FROM OLD.credited_micro) THEN
        RAISE EXCEPTION 'payment %: its credit lot % never changes once minted (I-5)', OLD.payment_id, OLD.lot_id
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END
$$;

REVOKE ALL ON FUNCTION app.current_community_id() FROM PUBLIC;
REVOKE ALL ON FUNCTION app.reject_change() FROM PUBLIC;
REVOKE ALL ON FUNCTION app.crypto_payments_forward_only() FROM PUBLIC;

RESET ROLE;
