-- Why: a few admin reads are platform-wide by nature: system conservation (I-13), the per-community
-- totals that reconciliation compares, the reconciliation runs, payments of no community,
-- quarantined webhooks, dead letters and sink rejects (SPEC 7, role admin). Instead of a role that can SELECT every tenant's rows,
-- they are these SECURITY DEFINER functions, owned by ledger_platform (whose only policies are
-- SELECT ones), each returning aggregates or operational rows with a bounded row count. The reader
-- may EXECUTE them; nothing else is cross-tenant (ADR 0005). Every function pins its search_path.
CREATE SCHEMA platform AUTHORIZATION ledger_platform;

SET ROLE ledger_platform;

-- Sums of the whole ledger, each from its own table so that they check each other:
-- I-13 is minted_micro = balance_micro + debited_micro + expired_micro + revoked_micro; also
-- minted_micro = minted_entries_micro, debited_micro = usage_debited_micro, negative_lots = 0 (I-1).
-- A sum beyond 64 bits raises (numeric to bigint), which is itself an I-9 finding.
CREATE FUNCTION platform.system_totals()
    RETURNS TABLE (communities bigint, lots bigint, minted_micro bigint, minted_entries_micro bigint,
                   debited_micro bigint, expired_micro bigint, revoked_micro bigint, balance_micro bigint,
                   negative_lots bigint, usage_events bigint, usage_amount_micro bigint,
                   usage_debited_micro bigint, usage_unfunded_micro bigint)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT lots.communities, lots.lots, lots.minted_micro, entries.minted_micro, entries.debited_micro,
           entries.expired_micro, entries.revoked_micro, lots.balance_micro, lots.negative_lots,
           usage.events, usage.amount_micro, usage.debited_micro, usage.unfunded_micro
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
                 COALESCE(sum(unfunded_micro), 0)::bigint AS unfunded_micro
          FROM ledger.usage_events) usage
$$;

-- The same sums per community (I-2 for each; what reconcile compares with its replay). Totals
-- only: no row of any community is returned.
CREATE FUNCTION platform.community_totals()
    RETURNS TABLE (community_id uuid, lots bigint, minted_micro bigint, debited_micro bigint,
                   expired_micro bigint, revoked_micro bigint, balance_micro bigint,
                   usage_events bigint, usage_amount_micro bigint, usage_unfunded_micro bigint)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT community.community_id, COALESCE(lots.lots, 0), COALESCE(lots.minted_micro, 0),
           COALESCE(lots.debited_micro, 0), COALESCE(lots.expired_micro, 0), COALESCE(lots.revoked_micro, 0),
           COALESCE(lots.balance_micro, 0), COALESCE(usage.events, 0), COALESCE(usage.amount_micro, 0),
           COALESCE(usage.unfunded_micro, 0)
    FROM (SELECT community_id FROM ledger.credit_lots UNION SELECT community_id FROM ledger.usage_events) community
    LEFT JOIN (SELECT community_id, count(*) AS lots, sum(minted_micro)::bigint AS minted_micro,
                      sum(debited_micro)::bigint AS debited_micro, sum(expired_micro)::bigint AS expired_micro,
                      sum(revoked_micro)::bigint AS revoked_micro, sum(remaining_micro)::bigint AS balance_micro
               FROM ledger.lot_balances GROUP BY community_id) lots USING (community_id)
    LEFT JOIN (SELECT community_id, count(*) AS events, sum(amount_micro)::bigint AS amount_micro,
                      sum(unfunded_micro)::bigint AS unfunded_micro
               FROM ledger.usage_events GROUP BY community_id) usage USING (community_id)
    ORDER BY community.community_id
$$;

-- Violations counted per invariant, system-wide and without community ids.
CREATE FUNCTION platform.violation_counts()
    RETURNS TABLE (invariant text, violations bigint, system_wide bigint, last_detected_at timestamptz)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT invariant, count(*), count(*) FILTER (WHERE community_id IS NULL), max(detected_at)
    FROM ledger.guard_violations
    GROUP BY invariant
    ORDER BY invariant
$$;

-- The violations that concern no single community (I-13, payments naming no community), newest first.
CREATE FUNCTION platform.system_violations(max_rows integer)
    RETURNS SETOF ledger.guard_violations
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT * FROM ledger.guard_violations WHERE community_id IS NULL
    ORDER BY detected_at DESC LIMIT least(greatest(max_rows, 0), 1000)
$$;

-- Payments whose order id names no community (mint_outcome unknown_community, SPEC 5.2), newest
-- first: no tenant can see them, the admin resolves them.
CREATE FUNCTION platform.unassigned_payments(max_rows integer)
    RETURNS SETOF ledger.crypto_payments
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT * FROM ledger.crypto_payments WHERE community_id IS NULL
    ORDER BY updated_at DESC LIMIT least(greatest(max_rows, 0), 1000)
$$;

CREATE FUNCTION platform.reconciliation_runs(max_rows integer)
    RETURNS SETOF ledger.reconciliation_runs
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT * FROM ledger.reconciliation_runs ORDER BY finished_at DESC LIMIT least(greatest(max_rows, 0), 1000)
$$;

CREATE FUNCTION platform.quarantined_webhooks(max_rows integer)
    RETURNS SETOF ledger.webhook_events
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT * FROM ledger.webhook_events WHERE quarantine_reason IS NOT NULL
    ORDER BY received_at DESC LIMIT least(greatest(max_rows, 0), 1000)
$$;

CREATE FUNCTION platform.dead_letters(max_rows integer)
    RETURNS SETOF ledger.dead_letters
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT * FROM ledger.dead_letters ORDER BY dead_lettered_at DESC LIMIT least(greatest(max_rows, 0), 1000)
$$;

CREATE FUNCTION platform.sink_rejects(max_rows integer)
    RETURNS SETOF ledger.sink_rejects
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT * FROM ledger.sink_rejects ORDER BY rejected_at DESC LIMIT least(greatest(max_rows, 0), 1000)
$$;

REVOKE ALL ON ALL FUNCTIONS IN SCHEMA platform FROM PUBLIC;
GRANT USAGE ON SCHEMA platform TO ledger_reader;
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA platform TO ledger_reader;

RESET ROLE;
