#!/usr/bin/env bash
# Documents per second with 1 and 2 `sitrep worker` processes (release build) on one machine,
# through NATS JetStream into PostgreSQL, and the store write cost per document.
#
#   bench/scale_workers.sh [DOCS] [WORKER_COUNTS...]      # default: 2000 docs, 1 and 2 workers
#   BENCH_INPUT=../shared/data/bbc-news bench/scale_workers.sh 0 1 2   # distinct real articles
#
# Uses $SITREP_TEST_NATS / $SITREP_TEST_POSTGRES when set, otherwise starts the throwaway
# servers of scripts/test-services.sh. Each run gets its own stream and PostgreSQL schema
# (dropped afterwards when psql is available). The documents are the VOA example stories
# cycled with distinct URLs (so distinct content ids), each round of copies published a week
# later (near-duplicates of 35 conflict stories: many events, a heavy corpus stage). With
# BENCH_INPUT=PATH, that file or folder is enqueued instead (e.g. the 2,225 distinct BBC
# articles: a light corpus stage) and DOCS is ignored. Throughput counts from the first
# document a worker takes to the last acknowledgement (model loading excluded); every
# worker exits after 3 s without a document.
set -euo pipefail
cd "$(dirname "$0")/.."
DOCS="${1:-2000}"
shift || true
COUNTS=("${@:-1 2}")
read -r -a COUNTS <<< "${COUNTS[*]}"

if [ -z "${SITREP_TEST_NATS:-}" ] || [ -z "${SITREP_TEST_POSTGRES:-}" ]; then
  eval "$(scripts/test-services.sh start)"
fi
cargo build --release -q -p sitrep
BIN=target/release/sitrep
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

INPUT="$WORK/docs.jsonl"
[ -n "${BENCH_INPUT:-}" ] && INPUT="$BENCH_INPUT"
python3 - "$DOCS" examples/war-news/voa-conflict.jsonl > "$WORK/docs.jsonl" <<'PY'
import json, sys
from datetime import date, timedelta
n = int(sys.argv[1])
stories = [json.loads(l) for l in open(sys.argv[2]) if l.strip()]
for i in range(n):
    d = dict(stories[i % len(stories)])
    d["url"] = f'{d["url"]}?copy={i}'
    d["id"] = f"copy-{i}"
    # each round of copies a week later (relative dates move with it)
    d["published"] = str(date.fromisoformat(d["published"]) + timedelta(days=7 * (i // len(stories))))
    print(json.dumps(d))
PY

PSQL="${PG_BIN:-/usr/lib/postgresql/15/bin}/psql"
printf '%-8s %8s %10s %10s %12s %12s %12s %12s\n' workers docs seconds docs/s pipeline_ms corpus_ms put_ms lock_wait_ms
declare -A RATE
for W in "${COUNTS[@]}"; do
  TAG="B${W}_$$_$RANDOM"
  Q=(--nats "$SITREP_TEST_NATS" --stream "BENCH_$TAG" --subject "bench.$TAG.docs"
     --dead-subject "bench.$TAG.dead" --consumer "w_$TAG")
  SCHEMA="bench_$(echo "$TAG" | tr 'A-Z' 'a-z')"
  "$BIN" -q enqueue "$INPUT" "${Q[@]}" > /dev/null
  PIDS=()
  for i in $(seq 1 "$W"); do
    "$BIN" -q worker "${Q[@]}" --postgres "$SITREP_TEST_POSTGRES" --postgres-schema "$SCHEMA" \
      --idle-exit 3 ${BENCH_WORKER_ARGS:-} --json > "$WORK/report_${W}_$i.json" &
    PIDS+=($!)
  done
  for p in "${PIDS[@]}"; do wait "$p"; done
  LINE=$(python3 - "$WORK" "$W" <<'PY'
import json, sys, glob
reps = [json.loads(open(f).read().strip().splitlines()[-1]) for f in glob.glob(f"{sys.argv[1]}/report_{sys.argv[2]}_*.json")]
docs = sum(r["documents"] for r in reps)
span = max(r["last_acked"] for r in reps if r["last_acked"]) - min(r["first_started"] for r in reps if r["first_started"])
pipe = sum(r["pipeline_seconds"] for r in reps) / docs * 1000
store = sum(r["corpus_seconds"] for r in reps) / docs * 1000
put = sum(r["put_seconds"] for r in reps) / docs * 1000
wait = sum(r["lock_wait_seconds"] for r in reps) / docs * 1000
print(f"{docs} {span:.2f} {docs/span:.2f} {pipe:.2f} {store:.2f} {put:.2f} {wait:.2f}")
PY
)
  read -r D S R P ST PU LW <<< "$LINE"
  RATE[$W]=$R
  printf '%-8s %8s %10s %10s %12s %12s %12s %12s\n' "$W" "$D" "$S" "$R" "$P" "$ST" "$PU" "$LW"
  if [ -x "$PSQL" ]; then
    "$PSQL" -q "$SITREP_TEST_POSTGRES" -c "DROP SCHEMA IF EXISTS \"$SCHEMA\" CASCADE" > /dev/null 2>&1 || true
  fi
done
if [ -n "${RATE[1]:-}" ] && [ -n "${RATE[2]:-}" ]; then
  python3 -c "print(f'speed-up 2 workers / 1 worker: {${RATE[2]}/${RATE[1]}:.2f}x (target >= 1.7x)')"
fi
echo "per document: pipeline_ms ingest + per-document stages; corpus_ms corpus stage (store reads and writes, under the corpus lock); put_ms the document write (PostgreSQL, no lock); lock_wait_ms waiting for the corpus lock"
