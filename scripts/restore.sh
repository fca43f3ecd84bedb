#!/usr/bin/env bash
# Restore a dump from backup.sh into a new, empty database and compare the row count of
# every table with the source database; exits non-zero on any difference.
#   DATABASE_URL=postgres://…/revisionsspar scripts/restore.sh backups/x.dump postgres://…/revisionsspar_restore
# The source is SOURCE_DATABASE_URL, or else DATABASE_URL. Counts differ if the source has
# changed since the dump was taken: restore-test a fresh dump, or one of a quiet database.
set -euo pipefail
dump=${1:?ange dumpfilen}
target=${2:?ange adressen till en ny databas}
source=${SOURCE_DATABASE_URL:-${DATABASE_URL:?SOURCE_DATABASE_URL eller DATABASE_URL måste anges}}
name=${target##*/}
server=${target%/*}/postgres

# CREATE DATABASE fails if it exists: a restore never lands on top of other data.
psql "$server" -XAtq -v ON_ERROR_STOP=1 -c "CREATE DATABASE \"$name\""
pg_restore --no-owner --no-privileges --exit-on-error --dbname="$target" "$dump"

count_rows() {
  psql "$1" -XAtq -F ' ' -v ON_ERROR_STOP=1 -c "
    SELECT table_name,
           (xpath('/row/c/text()', query_to_xml(format('SELECT count(*) AS c FROM %I.%I', table_schema, table_name), false, true, '')))[1]::text
    FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
    ORDER BY table_name"
}

if diff <(count_rows "$source") <(count_rows "$target") >/dev/null; then
  count_rows "$target"
  echo "Återläsningen stämmer: samma antal rader i varje tabell som i källan."
else
  echo "Antalet rader skiljer sig (< källa, > återläst):" >&2
  diff <(count_rows "$source") <(count_rows "$target") >&2 || true
  exit 1
fi
