#!/bin/sh
# Run by the postgres image's entrypoint on the first start of an empty data directory, as
# POSTGRES_USER (the owner the ledger-sink migrates with). Creates the ledger-sink's write login.
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v writer_user="$DATABASE_WRITER_USER" -v writer_password="$DATABASE_WRITER_PASSWORD" \
  -f /ledgerstream/postgres/writer-role.sql
