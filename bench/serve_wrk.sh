#!/usr/bin/env bash
# Load test of the HTTP API: p99 latency of /api/events under 64 connections on a store of
# 10,000 events (target: p99 <= 50 ms, no errors). A benchmark, not a test: run it by hand.
#
#   bench/serve_wrk.sh [EVENTS] [SECONDS]
#
# Builds release binaries, writes EVENTS synthetic events (default 10000) through the Store
# with the `seed` example, starts `sitrep serve` on a free loopback port and runs
# `wrk -c64 -d10s --latency` against /api/events (the default page: 50 newest events with
# their JSON) and against a filtered query. Needs wrk (apt-get install wrk).
set -euo pipefail
cd "$(dirname "$0")/.."
EVENTS=${1:-10000}
SECONDS_RUN=${2:-10}
command -v wrk >/dev/null || { echo "wrk not found: apt-get install wrk" >&2; exit 1; }

cargo build --release --quiet -p sitrep --bin sitrep
cargo build --release --quiet -p sitrep_server --example seed

dir=$(mktemp -d)
server_pid=""
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; rm -rf "$dir"; }
trap cleanup EXIT

./target/release/examples/seed synthetic --db "$dir/bench.db" --events "$EVENTS"
./target/release/sitrep serve --db "$dir/bench.db" --bind 127.0.0.1:0 >"$dir/serve.log" 2>&1 &
server_pid=$!
for _ in $(seq 100); do
  grep -q "http://" "$dir/serve.log" 2>/dev/null && break
  sleep 0.1
done
base=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$dir/serve.log" | head -1)
[ -n "$base" ] || { cat "$dir/serve.log"; exit 1; }
echo "server: $base ($(nproc) cores), $(curl -s "$base/api/events?limit=1" | grep -o '"total":[0-9]*')"

run() {
  local url=$1
  echo
  echo "== wrk -t2 -c64 -d${SECONDS_RUN}s --latency $url"
  out=$(wrk -t2 -c64 -d"${SECONDS_RUN}s" --latency "$url")
  echo "$out"
  p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  errors=$(echo "$out" | grep -E "Non-2xx|Socket errors" || true)
  echo "RESULT $url p99=$p99 requests/s=$rps errors=${errors:-none}"
}
run "$base/api/events"
run "$base/api/events?type=ASSAULT&actor_country=RUS&bbox=30,45,40,52&date_from=2024-09-01&sort=-confidence"
