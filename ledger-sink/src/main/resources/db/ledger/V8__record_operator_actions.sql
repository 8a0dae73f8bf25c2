-- Why: operators resolve what the ledger cannot (SPEC 5.5, ADR 0015): grant credit, release a held
-- payment (mint its lot), dismiss one. Each action travels on operator.actions.v1, the community
-- task decides it, and what it did (applied, duplicate, rejected, with the actor, the reason and
-- the idempotency key) comes out on ledger.operator-actions.v1: one row per action read, append-only
-- and tenant-scoped like the payment outcomes (community_id is null for a payment of no community).
-- A payment is resolved at most once. The admin's list of payments awaiting resolution leaves out
-- the resolved ones, and the admin API reads a payment before it accepts an action about it.
SET ROLE ledger_owner;

CREATE TABLE ledger.operator_actions (
    outcome_id       text        PRIMARY KEY,
    action_id        text        NOT NULL CHECK (action_id ~ '^[0-9a-f]{64}$'),
    idempotency_key  text        NOT NULL,
    kind             text        NOT NULL CHECK (kind IN ('grant', 'release', 'dismiss')),
    result           text        NOT NULL CHECK (result IN ('applied', 'duplicate', 'rejected')),
    detail           text,
    community_id     uuid,
    payment_id       text,
    lot_id           text,
    amount_micro     bigint      NOT NULL CHECK (amount_micro >= 0),
    expires_at       timestamptz,
    actor            text        NOT NULL,
    reason           text        NOT NULL,
    requested_at     timestamptz NOT NULL,
    written_at       timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT operator_actions_names_a_subject CHECK (community_id IS NOT NULL OR payment_id IS NOT NULL),
    CONSTRAINT operator_actions_detail_unless_applied CHECK ((result = 'applied') = (detail IS NULL))
);
CREATE UNIQUE INDEX operator_actions_one_resolution_per_payment ON ledger.operator_actions (payment_id)
    WHERE result = 'applied' AND kind IN ('release', 'dismiss');
CREATE INDEX operator_actions_by_community ON ledger.operator_actions (community_id, requested_at);
CREATE INDEX operator_actions_recent ON ledger.operator_actions (requested_at DESC, outcome_id);
COMMENT ON TABLE ledger.operator_actions IS
    'What every operator action did (ledger.operator-actions.v1): grants, releases and dismissals, with actor and reason.';

CREATE TRIGGER operator_actions_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON ledger.operator_actions
    FOR EACH STATEMENT EXECUTE FUNCTION app.reject_change();
ALTER TABLE ledger.operator_actions ENABLE ALWAYS TRIGGER operator_actions_append_only;

ALTER TABLE ledger.operator_actions ENABLE ROW LEVEL SECURITY;
ALTER TABLE ledger.operator_actions FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_read ON ledger.operator_actions FOR SELECT TO ledger_reader
    USING (community_id = (SELECT app.current_community_id()));
CREATE POLICY tenant_insert ON ledger.operator_actions FOR INSERT TO ledger_writer
    WITH CHECK (community_id IS NOT DISTINCT FROM (SELECT app.current_community_id()));
CREATE POLICY platform_read ON ledger.operator_actions FOR SELECT TO ledger_platform USING (true);

REVOKE ALL ON ledger.operator_actions FROM PUBLIC;
GRANT INSERT ON ledger.operator_actions TO ledger_writer;
GRANT SELECT ON ledger.operator_actions TO ledger_reader, ledger_platform;

RESET ROLE;

SET ROLE ledger_platform;

-- As in V7, without the payments an operator has resolved (released or dismissed).
CREATE OR REPLACE FUNCTION platform.payments_awaiting_resolution(outcomes text[], max_rows integer)
    RETURNS SETOF ledger.crypto_payments
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT p.* FROM ledger.crypto_payments p
    WHERE (p.community_id IS NULL OR p.mint_outcome = ANY (outcomes))
      AND NOT EXISTS (SELECT 1 FROM ledger.operator_actions a
                      WHERE a.payment_id = p.payment_id AND a.result = 'applied' AND a.kind IN ('release', 'dismiss'))
    ORDER BY p.updated_at DESC, p.payment_id DESC LIMIT least(greatest(max_rows, 0), 1000)
$$;

-- One payment as an action about it needs it: its key on the raw topics (from order_id), its
-- state, and its resolution if it has one. No row for a payment the ledger has not recorded.
CREATE FUNCTION platform.payment_for_action(wanted_payment_id text)
    RETURNS TABLE (payment_id text, community_id uuid, order_id text, status text, mint_outcome text,
                   resolution text, resolved_by text)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT p.payment_id, p.community_id, p.order_id, p.status, p.mint_outcome, a.kind, a.action_id
    FROM ledger.crypto_payments p
    LEFT JOIN ledger.operator_actions a ON a.payment_id = p.payment_id AND a.result = 'applied'
        AND a.kind IN ('release', 'dismiss')
    WHERE p.payment_id = wanted_payment_id
$$;

-- The latest operator actions of every community, newest first.
CREATE FUNCTION platform.recent_operator_actions(max_rows integer)
    RETURNS SETOF ledger.operator_actions
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT * FROM ledger.operator_actions
    ORDER BY requested_at DESC, outcome_id DESC LIMIT least(greatest(max_rows, 0), 1000)
$$;

REVOKE ALL ON FUNCTION platform.payment_for_action(text) FROM PUBLIC;
REVOKE ALL ON FUNCTION platform.recent_operator_actions(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION platform.payment_for_action(text) TO ledger_reader;
GRANT EXECUTE ON FUNCTION platform.recent_operator_actions(integer) TO ledger_reader;

RESET ROLE;
