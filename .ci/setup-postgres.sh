#!/usr/bin/env bash
# A throwaway PostgreSQL for the postgres sink tests, on 127.0.0.1:54329.
#
# PostgreSQL refuses to run as root, so the cluster belongs to the `postgres`
# user. Nothing is exported: the tests find the server through the files this
# script writes into $PG_ROOT (`url`, without the password, and `password`).
# When those files exist the tests treat the server as required.
set -euo pipefail

PG_ROOT=/tmp/defenseclaw-audit-pg
PORT=54329
ROLE=dcaudit
PASSWORD=dcaudit-test-only

if ! compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
as_postgres() { runuser -u postgres -- "$@"; }

# A machine handed back from an earlier run may still have it running.
if [ -f "$PG_ROOT/url" ] &&
  as_postgres "$BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT"; then
  exit 0
fi
if [ -f "$PG_ROOT/data/postmaster.pid" ]; then
  as_postgres "$BIN/pg_ctl" -D "$PG_ROOT/data" -m immediate stop || true
fi

rm -rf "$PG_ROOT"
mkdir -p "$PG_ROOT"
chown postgres:postgres "$PG_ROOT"
as_postgres "$BIN/initdb" -D "$PG_ROOT/data" -U postgres \
  --auth-local=trust --auth-host=scram-sha-256 >/dev/null
as_postgres "$BIN/pg_ctl" -D "$PG_ROOT/data" -l "$PG_ROOT/server.log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $PORT -k $PG_ROOT" start >/dev/null

psql_local() { as_postgres psql -h "$PG_ROOT" -p "$PORT" -U postgres -qAt "$@"; }
psql_local -c "CREATE ROLE $ROLE LOGIN PASSWORD '$PASSWORD'"
psql_local -c "CREATE DATABASE $ROLE OWNER $ROLE"

echo "postgres://$ROLE@127.0.0.1:$PORT/$ROLE" >"$PG_ROOT/url"
echo "$PASSWORD" >"$PG_ROOT/password"
echo "setup-postgres: PostgreSQL listening on 127.0.0.1:$PORT" >&2
