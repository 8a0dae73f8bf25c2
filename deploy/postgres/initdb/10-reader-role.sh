#!/bin/sh
# Run by the postgres image's entrypoint on the first start of an empty data directory, as
# POSTGRES_USER (the owner the ledger-sink migrates with). Creates the admin API's read role.
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v reader_user="$ADMIN_DATABASE_USER" -v reader_password="$ADMIN_DATABASE_PASSWORD" \
  -f /ledgerstream/postgres/reader-role.sql
