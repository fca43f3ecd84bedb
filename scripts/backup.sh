#!/usr/bin/env bash
# Back up the PostgreSQL database named by DATABASE_URL as one custom-format dump (history
# tables included: the whole schema is dumped). Prints the dump's path.
#   DATABASE_URL=postgres://user:pw@host:5432/revisionsspar scripts/backup.sh [directory]
set -euo pipefail
: "${DATABASE_URL:?DATABASE_URL måste peka på PostgreSQL-databasen}"
directory=${1:-backups}
mkdir -p "$directory"
dump="$directory/revisionsspar-$(date -u +%Y%m%dT%H%M%SZ).dump"
pg_dump --format=custom --no-owner --no-privileges --file="$dump" "$DATABASE_URL"
echo "$dump"
