-- Why: a usage amount may be as large as 2^63-1 (SPEC 3.2), and the ledger keeps every row for
-- ever, so sums over a community or the platform can exceed 64 bits. Cast to bigint they raised
-- "bigint out of range" on every read, and the platform conservation report, the community list
-- and that community's pages answered 500 for ever (issue 14). The platform totals are now summed
-- in numeric and returned exactly; the admin API reports a sum beyond 64 bits as an I-9 failure.
-- Counts stay bigint.
SET ROLE ledger_platform;

DROP FUNCTION platform.system_totals();
CREATE FUNCTION platform.system_totals()
    RETURNS TABLE (communities bigint, lots bigint, minted_micro numeric, minted_entries_micro numeric,
                   debited_micro numeric, expired_micro numeric, revoked_micro numeric, balance_micro numeric,
                   negative_lots bigint, usage_events bigint, usage_amount_micro numeric,
                   usage_debited_micro numeric, usage_unfunded_micro numeric, usage_waived_micro numeric)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT lots.communities, lots.lots, lots.minted_micro, entries.minted_micro, entries.debited_micro,
           entries.expired_micro, entries.revoked_micro, lots.balance_micro, lots.negative_lots,
           usage.events, usage.amount_micro, usage.debited_micro, usage.unfunded_micro, usage.waived_micro
    FROM (SELECT count(DISTINCT community_id) AS communities, count(*) AS lots,
                 COALESCE(sum(minted_micro), 0) AS minted_micro,
                 COALESCE(sum(remaining_micro), 0) AS balance_micro,
                 count(*) FILTER (WHERE remaining_micro < 0) AS negative_lots
          FROM ledger.lot_balances) lots,
         (SELECT COALESCE(sum(amount_micro) FILTER (WHERE entry_type = 'lot_minted'), 0) AS minted_micro,
                 COALESCE(sum(amount_micro) FILTER (WHERE entry_type = 'lot_debited'), 0) AS debited_micro,
                 COALESCE(sum(amount_micro) FILTER (WHERE entry_type = 'lot_expired'), 0) AS expired_micro,
                 COALESCE(sum(amount_micro) FILTER (WHERE entry_type = 'lot_revoked'), 0) AS revoked_micro
          FROM ledger.lot_entries) entries,
         (SELECT count(*) AS events, COALESCE(sum(amount_micro), 0) AS amount_micro,
                 COALESCE(sum(debited_micro), 0) AS debited_micro,
                 COALESCE(sum(unfunded_micro), 0) AS unfunded_micro,
                 COALESCE(sum(waived_micro), 0) AS waived_micro
          FROM ledger.usage_events) usage
$$;

DROP FUNCTION platform.community_totals();
CREATE FUNCTION platform.community_totals()
    RETURNS TABLE (community_id uuid, lots bigint, minted_micro numeric, debited_micro numeric,
                   expired_micro numeric, revoked_micro numeric, balance_micro numeric,
                   usage_events bigint, usage_amount_micro numeric, usage_unfunded_micro numeric)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT community.community_id, COALESCE(lots.lots, 0), COALESCE(lots.minted_micro, 0),
           COALESCE(lots.debited_micro, 0), COALESCE(lots.expired_micro, 0), COALESCE(lots.revoked_micro, 0),
           COALESCE(lots.balance_micro, 0), COALESCE(usage.events, 0), COALESCE(usage.amount_micro, 0),
           COALESCE(usage.unfunded_micro, 0)
    FROM (SELECT community_id FROM ledger.credit_lots UNION SELECT community_id FROM ledger.usage_events) community
    LEFT JOIN (SELECT community_id, count(*) AS lots, sum(minted_micro) AS minted_micro,
                      sum(debited_micro) AS debited_micro, sum(expired_micro) AS expired_micro,
                      sum(revoked_micro) AS revoked_micro, sum(remaining_micro) AS balance_micro
               FROM ledger.lot_balances GROUP BY community_id) lots USING (community_id)
    LEFT JOIN (SELECT community_id, count(*) AS events, sum(amount_micro) AS amount_micro,
                      sum(unfunded_micro) AS unfunded_micro
               FROM ledger.usage_events GROUP BY community_id) usage USING (community_id)
    ORDER BY community.community_id
$$;

REVOKE ALL ON FUNCTION platform.system_totals() FROM PUBLIC;
REVOKE ALL ON FUNCTION platform.community_totals() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION platform.system_totals() TO ledger_platform_reader;
GRANT EXECUTE ON FUNCTION platform.community_totals() TO ledger_platform_reader;

RESET ROLE;
