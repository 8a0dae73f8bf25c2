-- Why: the ledger is owned, written and read by different roles, so that privileges, not code,
-- keep it append-only and tenant-scoped (ADR 0005). Roles belong to the whole PostgreSQL cluster
-- and are shared by every database on it: they are created only where missing (a second database
-- on the same server, or a concurrent migration, finds them already there), never dropped here.
--
--   ledger_owner    owns every table, view and function of the ledger; only migrations act as it
--   ledger_writer   the sink: INSERT everywhere, UPDATE only on crypto_payments' status columns
--   ledger_reader   the admin API: SELECT on tenant tables, always under row-level security
--   ledger_platform owns the few SECURITY DEFINER functions that read across tenants
--
-- All four are NOLOGIN group roles: deployments grant them to login roles. The login that runs
-- these migrations becomes a member of the owner, writer and platform roles so that it can create
-- objects as them, and so that the sink can `SET ROLE ledger_writer` for its writes.
DO $$
DECLARE
    wanted text;
BEGIN
    FOREACH wanted IN ARRAY ARRAY['ledger_owner', 'ledger_writer', 'ledger_reader', 'ledger_platform'] LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = wanted) THEN
            BEGIN
                EXECUTE format('CREATE ROLE %I NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS',
                        wanted);
            EXCEPTION WHEN duplicate_object OR unique_violation THEN
                -- Another database's migration created it in the meantime: that is the same role.
                NULL;
            END;
        END IF;
    END LOOP;
END
$$;

GRANT ledger_owner, ledger_writer, ledger_platform TO CURRENT_USER;

-- The owner creates the ledger's schemas in this database; the writer needs its temporary
-- staging tables (ADR 0005); everyone who reads or writes must connect.
DO $$
BEGIN
    EXECUTE format('GRANT CREATE, CONNECT ON DATABASE %I TO ledger_owner', current_database());
    EXECUTE format('GRANT CONNECT, TEMPORARY ON DATABASE %I TO ledger_writer', current_database());
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO ledger_reader', current_database());
END
$$;
