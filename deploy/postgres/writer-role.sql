-- Why: the ledger-sink must write as a login that can neither own nor alter the ledger, so that
-- its one credential cannot disable the append-only triggers or row-level security (ADR 0005,
-- SPEC 6). This creates that login and makes it a member of ledger_writer, the group role the
-- migrations grant INSERT to; the sink's DATABASE_USER (the owner) then only runs migrations, and
-- DATABASE_WRITER_USER names this login.
--
-- Run once per server, connected as a login that may create roles (the owner the ledger-sink
-- migrates with, or a superuser), before or after the first migration:
--   psql -v ON_ERROR_STOP=1 -v writer_user=ledger_sink -v writer_password='…' -f writer-role.sql
-- docker compose runs it on the first start of an empty data volume (initdb/20-writer-role.sh);
-- on RDS, see docs/operations.md. Running it again changes nothing but the password.

-- ledger_writer as migration V1 creates it, when this runs first (V1 then finds it).
SELECT 'CREATE ROLE ledger_writer NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS'
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'ledger_writer')
\gexec

SELECT format('CREATE ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS',
              :'writer_user')
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'writer_user')
\gexec

ALTER ROLE :"writer_user" WITH LOGIN NOSUPERUSER NOCREATEROLE NOBYPASSRLS PASSWORD :'writer_password';
GRANT ledger_writer TO :"writer_user";
