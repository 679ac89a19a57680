#!/usr/bin/env bash
# Two builds of the app-image alternating on one restore --mode new (or full verify), accounted by
# benchmarks/thread_cpu.py:
#
#   BENCH_PG_URL=postgresql://postgres@localhost:5432/postgres benchmarks/restore_ab.sh APP_A APP_B [ROUNDS] [DB] [restore|verify]
#
# A_ENV / B_ENV (e.g. "JAVA_TOOL_OPTIONS=-Xint") are set for A's / B's runs only; NICE="nice -n -15"
# runs the client (the JVM and the tools it starts) ahead of other work on a shared machine.
# One backup of DB (made by APP_A) in a scratch folder; each round restores it with both builds, the
# order alternating, each after dropping the previous copy and a CHECKPOINT. Per run it prints the wall
# time, when the loader (the child with --single-transaction or -j in its command line: pg_restore)
# started and ended after launch, the main thread's CPU before it, the JVM's own CPU (all threads)
# before, during and after it, and the CPU of the
# whole process tree (wait4: psql and pg_restore included), then the medians.
set -euo pipefail
cd "$(dirname "$0")/.."
A=$1 B=$2 ROUNDS=${3:-5} DB=${4:-lifeboat_bench_tables2000} WHAT=${5:-restore}
URL=${BENCH_PG_URL:-postgresql://postgres@localhost:5432/postgres}
BASE=${URL%/*}
WORK=$(mktemp -d)
COPY=${COPY:-restore_ab_copy}
sql() { PGOPTIONS="-c client_min_messages=warning" psql "$URL" -qc "$1" >/dev/null; }
trap 'rm -rf "$WORK"; sql "drop database if exists $COPY with (force)" || true' EXIT
"$A/bin/lifeboat-cli" --folder "$WORK/lb" backup --db "$BASE/$DB" --no-globals --no-copy >/dev/null
ID=$(basename "$(ls "$WORK"/lb/*.dump)" .dump)
run() { # APP LABEL
  sql "drop database if exists $COPY with (force)"
  sql checkpoint
  if [ "$WHAT" = verify ]; then
    set -- "$1" "$2" verify "$ID" --depth full
  else
    set -- "$1" "$2" restore "$ID" --to "$BASE/$COPY" --mode new --yes
  fi
  local app=$1 label=$2 envs
  shift 2
  if [ "$label" = A ]; then envs=${A_ENV:-}; else envs=${B_ENV:-}; fi
  # the loader: pg_restore in one transaction (its script run by psql) or with parallel jobs
  env $envs ${NICE:-} python3 benchmarks/thread_cpu.py --phase-child --verbose -- "$app/bin/lifeboat-cli" --folder "$WORK/lb" "$@" \
    > "$WORK/out" 2>&1 || { cat "$WORK/out" >&2; return 1; }
  awk -v l="$label" -v load="$(cut -d' ' -f1 /proc/loadavg)" '
    /^wall/ { w = $2; s = $6; e = $8 }
    /^java / { m = $3 }
    /^all threads/ { b = $3; d = $4; a = $5 }
    /^process tree/ { t = $11 }
    END { printf "%s wall %.3f start %.3f end %.3f main_before %d jvm_before %d during %d after %d tree_cpu %.3f load %s\n", l, w, s, e, m, b, d, a, t, load }' "$WORK/out"
}
for i in $(seq "$ROUNDS"); do
  if (( i % 2 )); then run "$A" A; run "$B" B; else run "$B" B; run "$A" A; fi
done | tee "$WORK/rounds"
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
for l in A B; do
  printf '%s medians:' "$l"
  for f in wall start end main_before jvm_before during after tree_cpu; do
    printf ' %s %s' "$f" "$(awk -v l="$l" -v f="$f" '$1 == l { for (i = 2; i < NF; i++) if ($i == f) print $(i + 1) }' "$WORK/rounds" | median)"
  done
  echo
done
