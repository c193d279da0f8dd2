#!/usr/bin/env bash
# Throwaway PostgreSQL 15 and NATS JetStream servers on loopback for the test suites.
#
#   eval "$(scripts/test-services.sh start)"   # starts both (or reuses running ones), prints exports
#   scripts/test-services.sh env               # prints the exports of the running servers
#   scripts/test-services.sh stop              # stops both and deletes their data
#
# Prints on stdout only `export` lines:
#   export SITREP_TEST_POSTGRES=postgres://postgres@127.0.0.1:PORT/sitrep_test
#   export SITREP_TEST_NATS=nats://127.0.0.1:PORT
# Everything else (progress, logs on failure) goes to stderr.
#
# PostgreSQL comes from Debian (/usr/lib/postgresql/15/bin; PG_BIN overrides): a fresh data dir
# under a temp dir, an ephemeral free port, 127.0.0.1 only, trust auth, fsync off (throwaway data;
# SITREP_PG_DURABLE=1 keeps PostgreSQL's durable defaults, for write-cost benchmarks).
# initdb/postgres refuse to run as root, so as root they run as the `postgres` user.
# nats-server (Debian's, 2.9) runs with JetStream (-js -sd DIR) on 127.0.0.1 and a free port.
#
# State (pids, ports, data dirs) lives in $SITREP_SERVICES_STATE
# (default ${TMPDIR:-/tmp}/sitrep-test-services-$UID), so `stop` works from any shell.
set -euo pipefail

PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
NATS_BIN="${NATS_BIN:-$(command -v nats-server || echo /usr/sbin/nats-server)}"
STATE="${SITREP_SERVICES_STATE:-${TMPDIR:-/tmp}/sitrep-test-services-$(id -u)}"

log() { echo "test-services: $*" >&2; }

# A TCP port on 127.0.0.1 that nothing listens on (random in 20000..59999, probed).
free_port() {
  local port i
  for i in $(seq 1 200); do
    port=$((20000 + (RANDOM * 32768 + RANDOM) % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  log "no free port found"
  return 1
}

# Waits until something accepts TCP connections on 127.0.0.1:$1 (timeout $2 seconds).
wait_port() {
  local port="$1" timeout="$2" i
  for i in $(seq 1 $((timeout * 10))); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      return 0
    fi
    sleep 0.1
  done
  return 1
}

# Runs a command as the postgres user when we are root, directly otherwise.
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

print_env() {
  # shellcheck disable=SC1091
  . "$STATE/ports"
  echo "export SITREP_TEST_POSTGRES=postgres://postgres@127.0.0.1:${PG_PORT}/sitrep_test"
  echo "export SITREP_TEST_NATS=nats://127.0.0.1:${NATS_PORT}"
}

running() {
  [ -f "$STATE/ports" ] || return 1
  # shellcheck disable=SC1091
  . "$STATE/ports"
  [ -f "$STATE/nats.pid" ] && kill -0 "$(cat "$STATE/nats.pid")" 2>/dev/null || return 1
  (exec 3<>"/dev/tcp/127.0.0.1/$PG_PORT") 2>/dev/null || return 1
  (exec 3<>"/dev/tcp/127.0.0.1/$NATS_PORT") 2>/dev/null || return 1
}

stop() {
  if [ -d "$STATE" ]; then
    if [ -d "$STATE/pg/data" ]; then
      as_pg "$PG_BIN/pg_ctl" -D "$STATE/pg/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    if [ -f "$STATE/nats.pid" ]; then
      local pid
      pid="$(cat "$STATE/nats.pid")"
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -9 "$pid" 2>/dev/null || true
    fi
    rm -rf "$STATE"
    log "stopped"
  fi
}

start() {
  if running; then
    log "already running (state in $STATE)"
    print_env
    return 0
  fi
  stop
  [ -x "$PG_BIN/initdb" ] || { log "$PG_BIN/initdb missing: apt-get install postgresql"; exit 1; }
  [ -x "$NATS_BIN" ] || { log "nats-server missing: apt-get install nats-server"; exit 1; }
  mkdir -p "$STATE/pg" "$STATE/nats"
  chmod 755 "$STATE"
  if [ "$(id -u)" -eq 0 ]; then chown postgres: "$STATE/pg"; fi

  local pg_port nats_port pg_opts="-c max_connections=200"
  if [ "${SITREP_PG_DURABLE:-0}" != 1 ]; then
    pg_opts="$pg_opts -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  fi
  pg_port="$(free_port)"
  nats_port="$(free_port)"
  while [ "$nats_port" = "$pg_port" ]; do nats_port="$(free_port)"; done

  # PostgreSQL
  as_pg "$PG_BIN/initdb" -D "$STATE/pg/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 \
    >"$STATE/pg/initdb.log" 2>&1 || { cat "$STATE/pg/initdb.log" >&2; exit 1; }
  if ! as_pg "$PG_BIN/pg_ctl" -D "$STATE/pg/data" -l "$STATE/pg/server.log" -w -t 60 \
    -o "-h 127.0.0.1 -p $pg_port -k $STATE/pg $pg_opts" \
    start >/dev/null 2>&1; then
    cat "$STATE/pg/server.log" >&2 || true
    log "postgres did not start"
    exit 1
  fi
  as_pg "$PG_BIN/createdb" -h 127.0.0.1 -p "$pg_port" -U postgres sitrep_test

  # NATS JetStream
  setsid "$NATS_BIN" -a 127.0.0.1 -p "$nats_port" -js -sd "$STATE/nats/js" \
    -l "$STATE/nats/server.log" -P "$STATE/nats.pid" </dev/null >/dev/null 2>&1 &
  echo "$!" >"$STATE/nats.pid"
  if ! wait_port "$nats_port" 30; then
    cat "$STATE/nats/server.log" >&2 || true
    log "nats-server did not start"
    exit 1
  fi

  printf 'PG_PORT=%s\nNATS_PORT=%s\n' "$pg_port" "$nats_port" >"$STATE/ports"
  log "postgres on 127.0.0.1:$pg_port, nats on 127.0.0.1:$nats_port (state in $STATE)"
  print_env
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  env) running && print_env || { log "not running"; exit 1; } ;;
  *) echo "usage: $0 [start|stop|env]" >&2; exit 2 ;;
esac
