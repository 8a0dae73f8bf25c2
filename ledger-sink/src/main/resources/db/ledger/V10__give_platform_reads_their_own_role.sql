-- Why: every community admin's read runs as ledger_reader, and the platform functions (V6–V9:
-- SECURITY DEFINER, reading across tenants) were executable by ledger_reader too, so only the admin
-- API's Java kept a community admin from platform-wide figures (issue 14). They now belong to
-- ledger_platform_reader, the role the admin API's platform-wide reads (and the ingest API's
-- stuck-payment recovery) act as; a read acting as ledger_reader is refused by PostgreSQL itself.
--
-- Logins keep one grant: ledger_reader is made a member of ledger_platform_reader, so a login that
-- may act as ledger_reader may also SET ROLE ledger_platform_reader; ledger_reader is NOINHERIT
-- (set before the grant, which PostgreSQL 16 takes as the grant's default), so while a read acts as
-- ledger_reader it does not have the platform role's privileges.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'ledger_platform_reader') THEN
        BEGIN
            CREATE ROLE ledger_platform_reader NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN
            -- Another database's migration created it in the meantime: that is the same role.
            NULL;
        END;
    END IF;
END
$$;

ALTER ROLE ledger_reader NOINHERIT;
GRANT ledger_platform_reader TO ledger_reader;

DO $$
BEGIN
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO ledger_platform_reader', current_database());
END
$$;

GRANT USAGE ON SCHEMA platform TO ledger_platform_reader;
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA platform TO ledger_platform_reader;
REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA platform FROM ledger_reader;
REVOKE USAGE ON SCHEMA platform FROM ledger_reader;
