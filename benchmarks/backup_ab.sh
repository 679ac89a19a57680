#!/usr/bin/env bash
# Two builds of the app-image alternating on one backup, accounted by benchmarks/thread_cpu.py:
#
#   BENCH_PG_URL=postgresql://postgres@localhost:5432/postgres benchmarks/backup_ab.sh APP_A APP_B [ROUNDS] [DB] [-- BACKUP ARGS]
#
# APP_A and APP_B are app-image folders (bin/ and lib/, each with its own start-up archive: run
# installer/make-cds.sh on a copy, the archive records the absolute path). Per round and build it
# prints the wall time, when pg_dump (the one in the snapshot) started and ended after launch, the
# tail (pg_dump's end, as the sampler saw it, to the JVM's exit), the
# JVM's own CPU before, during and after pg_dump (its threads, /proc), and the CPU of the whole process
# tree (wait4, pg_dump included), then the medians. A fresh backup folder per run.
set -euo pipefail
cd "$(dirname "$0")/.."
A=$1 B=$2 ROUNDS=${3:-5} DB=${4:-lifeboat_bench50}
shift $(( $# < 4 ? $# : 4 ))
[ "${1:-}" = "--" ] && shift
URL=${BENCH_PG_URL:-postgresql://postgres@localhost:5432/postgres}
URL="${URL%/*}/$DB"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
run() { # APP LABEL
  rm -rf "$WORK/lb"
  python3 benchmarks/thread_cpu.py -- "$1/bin/lifeboat-cli" --folder "$WORK/lb" backup --db "$URL" --no-copy "${EXTRA[@]}" \
    > "$WORK/out" 2>&1 || { cat "$WORK/out" >&2; return 1; }
  awk -v l="$2" -v load="$(cut -d' ' -f1 /proc/loadavg)" '
    /^wall/ { w = $2; s = $6; e = $8 }
    /^all threads/ { b = $3; d = $4; a = $5 }
    /^process tree/ { t = $11 }
    END { printf "%s wall %.3f start %.3f end %.3f tail %.3f jvm_before %d during %d after %d tree_cpu %.3f load %s\n", l, w, s, e, w - e, b, d, a, t, load }' "$WORK/out"
}
EXTRA=("$@")
for i in $(seq "$ROUNDS"); do
  if (( i % 2 )); then run "$A" A; run "$B" B; else run "$B" B; run "$A" A; fi
done | tee "$WORK/rounds"
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
for l in A B; do
  printf '%s medians:' "$l"
  for f in wall start tail jvm_before during after tree_cpu; do
    printf ' %s %s' "$f" "$(awk -v l="$l" -v f="$f" '$1 == l { for (i = 2; i < NF; i++) if ($i == f) print $(i + 1) }' "$WORK/rounds" | median)"
  done
  echo
done
