-- Why: SPEC 6 tenant isolation. Every table that holds community_id gets row-level security,
-- FORCED so that even its owner is subject to it, keyed on app.current_community_id() (which
-- raises when the transaction set no tenant). No role here has BYPASSRLS. Policies per role:
--   ledger_reader   SELECT the rows of the tenant its transaction set; rows of no community
--                   (community_id IS NULL) are never visible to it
--   ledger_writer   INSERT rows of the tenant its transaction set (`none` for rows of no
--                   community): the sink sets the scope per community group (ADR 0005); on
--                   crypto_payments also SELECT and UPDATE them, for the forward-only upsert
--   ledger_platform SELECT everything: it only owns the SECURITY DEFINER functions of V6, the one
--                   documented cross-tenant read path (ADR 0005)
-- A role without a policy (ledger_owner included) sees and changes nothing. The scope is read
-- through a sub-select so that it is evaluated once per statement, not once per row.
SET ROLE ledger_owner;

DO $$
DECLARE
    tenant_table text;
BEGIN
    FOREACH tenant_table IN ARRAY ARRAY['credit_lots', 'lot_entries', 'usage_events', 'crypto_payment_outcomes',
            'crypto_payments', 'guard_violations'] LOOP
        EXECUTE format('ALTER TABLE ledger.%I ENABLE ROW LEVEL SECURITY', tenant_table);
        EXECUTE format('ALTER TABLE ledger.%I FORCE ROW LEVEL SECURITY', tenant_table);
        EXECUTE format('CREATE POLICY tenant_read ON ledger.%I FOR SELECT TO ledger_reader '
                'USING (community_id = (SELECT app.current_community_id()))', tenant_table);
        EXECUTE format('CREATE POLICY tenant_insert ON ledger.%I FOR INSERT TO ledger_writer '
                'WITH CHECK (community_id IS NOT DISTINCT FROM (SELECT app.current_community_id()))', tenant_table);
        EXECUTE format('CREATE POLICY platform_read ON ledger.%I FOR SELECT TO ledger_platform USING (true)',
                tenant_table);
    END LOOP;
END
$$;

CREATE POLICY tenant_upsert_read ON ledger.crypto_payments FOR SELECT TO ledger_writer
    USING (community_id IS NOT DISTINCT FROM (SELECT app.current_community_id()));
CREATE POLICY tenant_status_update ON ledger.crypto_payments FOR UPDATE TO ledger_writer
    USING (community_id IS NOT DISTINCT FROM (SELECT app.current_community_id()))
    WITH CHECK (community_id IS NOT DISTINCT FROM (SELECT app.current_community_id()));

RESET ROLE;
