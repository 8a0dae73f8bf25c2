-- Why: platform admins switch charging and minting per community or for every community (SPEC 5.5,
-- ADR 0018). The switch is an operator action like a grant: its outcome is a row of
-- operator_actions (kind set_charging_mode, with the two modes; no community for the global
-- switch). Usage recorded in shadow mode debits nothing: its amount is waived_micro, and
-- shadow_debits keeps what it would have debited, so I-3 reads debited + unfunded + waived = amount.
-- A payment finished while minting was paused is held (mint_outcome held_paused) for a release.
SET ROLE ledger_owner;

ALTER TABLE ledger.operator_actions DROP CONSTRAINT operator_actions_kind_check;
ALTER TABLE ledger.operator_actions ADD CONSTRAINT operator_actions_kind_check
    CHECK (kind IN ('grant', 'release', 'dismiss', 'set_charging_mode'));
ALTER TABLE ledger.operator_actions DROP CONSTRAINT operator_actions_names_a_subject;
ALTER TABLE ledger.operator_actions ADD CONSTRAINT operator_actions_names_a_subject
    CHECK (community_id IS NOT NULL OR payment_id IS NOT NULL OR kind = 'set_charging_mode');
ALTER TABLE ledger.operator_actions
    ADD COLUMN charging text CHECK (charging IN ('live', 'shadow')),
    ADD COLUMN minting  text CHECK (minting IN ('live', 'paused'));
ALTER TABLE ledger.operator_actions ADD CONSTRAINT operator_actions_modes_of_a_mode_change
    CHECK ((kind = 'set_charging_mode') = (charging IS NOT NULL AND minting IS NOT NULL)
           AND (kind = 'set_charging_mode' OR (charging IS NULL AND minting IS NULL)));
CREATE INDEX operator_actions_mode_changes ON ledger.operator_actions (requested_at DESC, outcome_id)
    WHERE kind = 'set_charging_mode' AND result = 'applied';

ALTER TABLE ledger.usage_events
    ADD COLUMN charging_mode text   NOT NULL DEFAULT 'live' CHECK (charging_mode IN ('live', 'shadow')),
    ADD COLUMN waived_micro  bigint NOT NULL DEFAULT 0 CHECK (waived_micro >= 0),
    ADD COLUMN shadow_debits jsonb  NOT NULL DEFAULT '[]';
ALTER TABLE ledger.usage_events ADD CONSTRAINT usage_events_shadow_debits_nothing
    CHECK (charging_mode = 'shadow' OR (waived_micro = 0 AND shadow_debits = '[]'::jsonb));
ALTER TABLE ledger.usage_events ADD CONSTRAINT usage_events_shadow_waives_all
    CHECK (charging_mode = 'live' OR (debited_micro = 0 AND unfunded_micro = 0));

ALTER TABLE ledger.crypto_payment_outcomes DROP CONSTRAINT crypto_payment_outcomes_mint_outcome_check;
ALTER TABLE ledger.crypto_payment_outcomes ADD CONSTRAINT crypto_payment_outcomes_mint_outcome_check
    CHECK (mint_outcome IN ('minted', 'below_minimum', 'unsupported_currency', 'invalid_price', 'amount_out_of_range',
                            'unknown_community', 'partially_paid', 'held_repeat_deposit', 'held_underpaid',
                            'held_paused'));

ALTER TABLE ledger.crypto_payments DROP CONSTRAINT crypto_payments_mint_outcome_check;
ALTER TABLE ledger.crypto_payments ADD CONSTRAINT crypto_payments_mint_outcome_check
    CHECK (mint_outcome IN ('minted', 'below_minimum', 'unsupported_currency', 'invalid_price', 'amount_out_of_range',
                            'unknown_community', 'partially_paid', 'held_repeat_deposit', 'held_underpaid',
                            'held_paused'));

RESET ROLE;

SET ROLE ledger_platform;

-- As in V6, with the usage waived in shadow mode, so that the platform's I-3 adds it.
DROP FUNCTION platform.system_totals();
CREATE FUNCTION platform.system_totals()
    RETURNS TABLE (communities bigint, lots bigint, minted_micro bigint, minted_entries_micro bigint,
                   debited_micro bigint, expired_micro bigint, revoked_micro bigint, balance_micro bigint,
                   negative_lots bigint, usage_events bigint, usage_amount_micro bigint,
                   usage_debited_micro bigint, usage_unfunded_micro bigint, usage_waived_micro bigint)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT lots.communities, lots.lots, lots.minted_micro, entries.minted_micro, entries.debited_micro,
           entries.expired_micro, entries.revoked_micro, lots.balance_micro, lots.negative_lots,
           usage.events, usage.amount_micro, usage.debited_micro, usage.unfunded_micro, usage.waived_micro
    FROM (SELECT count(DISTINCT community_id) AS communities, count(*) AS lots,
                 COALESCE(sum(minted_micro), 0)::bigint AS minted_micro,
                 COALESCE(sum(remaining_micro), 0)::bigint AS balance_micro,
                 count(*) FILTER (WHERE remaining_micro < 0) AS negative_lots
          FROM ledger.lot_balances) lots,
         (SELECT COALESCE(sum(amount_micro) FILTER (WHERE entry_type = 'lot_minted'), 0)::bigint AS minted_micro,
                 COALESCE(sum(amount_micro) FILTER (WHERE entry_type = 'lot_debited'), 0)::bigint AS debited_micro,
                 COALESCE(sum(amount_micro) FILTER (WHERE entry_type = 'lot_expired'), 0)::bigint AS expired_micro,
                 COALESCE(sum(amount_micro) FILTER (WHERE entry_type = 'lot_revoked'), 0)::bigint AS revoked_micro
          FROM ledger.lot_entries) entries,
         (SELECT count(*) AS events, COALESCE(sum(amount_micro), 0)::bigint AS amount_micro,
                 COALESCE(sum(debited_micro), 0)::bigint AS debited_micro,
                 COALESCE(sum(unfunded_micro), 0)::bigint AS unfunded_micro,
                 COALESCE(sum(waived_micro), 0)::bigint AS waived_micro
          FROM ledger.usage_events) usage
$$;

-- The modes in force: the latest applied change of each scope (the global one has no community),
-- newest first. What the admin API, its metrics and the dashboard show.
CREATE FUNCTION platform.charging_modes(max_rows integer)
    RETURNS SETOF ledger.operator_actions
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT * FROM (
        SELECT DISTINCT ON (community_id) *
        FROM ledger.operator_actions
        WHERE kind = 'set_charging_mode' AND result = 'applied'
        ORDER BY community_id, requested_at DESC, outcome_id DESC) latest
    ORDER BY community_id NULLS FIRST LIMIT least(greatest(max_rows, 0), 10000)
$$;

REVOKE ALL ON FUNCTION platform.system_totals() FROM PUBLIC;
REVOKE ALL ON FUNCTION platform.charging_modes(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION platform.system_totals() TO ledger_platform_reader;
GRANT EXECUTE ON FUNCTION platform.charging_modes(integer) TO ledger_platform_reader;

RESET ROLE;
