-- Why: the admin API must read the ledger as a role that neither owns the tables nor has
-- BYPASSRLS, so that the forced row-level security of SPEC 6 applies to every query it makes.
-- This creates that login role and lets it read whatever the owner creates, now and later (the
-- ledger-sink's Flyway migrations create the tables after this runs).
--
-- Run once per database, connected as the owner the ledger-sink migrates with:
--   psql -v ON_ERROR_STOP=1 -v reader_user=ledger_reader -v reader_password='…' -f reader-role.sql
-- docker compose runs it on the first start of an empty data volume (initdb/10-reader-role.sh);
-- on RDS, see docs/operations.md. Running it again changes nothing but the password.

SELECT format('CREATE ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS',
              :'reader_user')
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'reader_user')
\gexec

ALTER ROLE :"reader_user" WITH LOGIN NOBYPASSRLS PASSWORD :'reader_password';

-- Read-only: SELECT on the tables and USAGE on the schemas, never a write grant.
GRANT USAGE ON SCHEMA public TO :"reader_user";
GRANT SELECT ON ALL TABLES IN SCHEMA public TO :"reader_user";
ALTER DEFAULT PRIVILEGES GRANT USAGE ON SCHEMAS TO :"reader_user";
ALTER DEFAULT PRIVILEGES GRANT SELECT ON TABLES TO :"reader_user";
