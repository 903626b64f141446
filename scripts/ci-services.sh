#!/usr/bin/env bash
# Starts the real services the sync tests use — a PostgreSQL cluster and a
# redis-server, both on 127.0.0.1 — and prints the environment that points the
# tests at them, for `eval "$(scripts/ci-services.sh)"`.
#
# Needs Debian's `postgresql` and `redis-server` packages (.ci/run installs
# them). Idempotent: a second run finds both running and prints the same lines.
# `scripts/ci-services.sh stop` stops what it started.
set -euo pipefail

PG_PORT="${LEDE_PG_PORT:-55432}"
REDIS_PORT="${LEDE_REDIS_PORT:-6390}"
BASE="${LEDE_SERVICES_DIR:-/tmp/lede-ci-services}"
PG_DATA="$BASE/pg"
PG_LOG="$BASE/pg.log"
PG_USER=lede
PG_PASSWORD=lede-test
PG_DB=lede_test

log() { echo "ci-services: $*" >&2; }

PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
if [ -z "$PG_BIN" ] || [ ! -x "$PG_BIN/initdb" ]; then
  log "PostgreSQL is not installed (apt-get install postgresql)"; exit 1
fi
if ! command -v redis-server >/dev/null 2>&1; then
  log "redis-server is not installed (apt-get install redis-server)"; exit 1
fi

# PostgreSQL refuses to run as root: the cluster belongs to the postgres user then.
if [ "$(id -u)" -eq 0 ]; then
  PG_OWNER=postgres
  as_owner() { runuser -u postgres -- "$@"; }
else
  PG_OWNER="$(id -un)"
  as_owner() { "$@"; }
fi

if [ "${1:-}" = "stop" ]; then
  as_owner "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast stop >/dev/null 2>&1 || true
  redis-cli -h 127.0.0.1 -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
  log "stopped"
  exit 0
fi

mkdir -p "$BASE"
chmod 755 "$BASE"
if [ "$(id -u)" -eq 0 ]; then chown "$PG_OWNER" "$BASE"; fi

if [ ! -f "$PG_DATA/PG_VERSION" ]; then
  log "creating a PostgreSQL cluster in $PG_DATA"
  as_owner "$PG_BIN/initdb" -D "$PG_DATA" -A trust -U postgres --encoding=UTF8 --locale=C.UTF-8 >/dev/null
fi
if ! as_owner "$PG_BIN/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1; then
  log "starting PostgreSQL on 127.0.0.1:$PG_PORT"
  as_owner "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -c port=$PG_PORT -c unix_socket_directories=$BASE -c fsync=on -c max_connections=200" start >/dev/null
fi
psql_admin() { as_owner psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -v ON_ERROR_STOP=1 -qtA "$@"; }
if [ "$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname = '$PG_USER'")" != "1" ]; then
  psql_admin -c "CREATE ROLE $PG_USER LOGIN PASSWORD '$PG_PASSWORD' CREATEDB" >/dev/null
fi
if [ "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = '$PG_DB'")" != "1" ]; then
  psql_admin -c "CREATE DATABASE $PG_DB OWNER $PG_USER" >/dev/null
fi

if ! redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping >/dev/null 2>&1; then
  log "starting redis-server on 127.0.0.1:$REDIS_PORT"
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --daemonize yes --save '' --appendonly no \
    --dir "$BASE" --logfile "$BASE/redis.log" --pidfile "$BASE/redis.pid"
  for _ in $(seq 1 50); do
    redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping >/dev/null 2>&1 && break
    sleep 0.1
  done
fi

echo "export LEDE_TEST_DATABASE_URL=postgres://$PG_USER:$PG_PASSWORD@127.0.0.1:$PG_PORT/$PG_DB"
echo "export LEDE_TEST_REDIS_URL=redis://127.0.0.1:$REDIS_PORT"
