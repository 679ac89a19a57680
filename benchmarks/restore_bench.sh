#!/usr/bin/env bash
# Restore benchmark: raw `pg_restore -j N` into a fresh database against `lifeboat restore --mode new`
# of the same archive, and a raw restore against `lifeboat verify --depth full`, alternating.
#
#   BENCH_PG_URL=postgresql://postgres@localhost:5432/postgres benchmarks/restore_bench.sh [ROUNDS] [SCALE]
#
# Needs the pgbench database of that scale made by backup_bench.sh. Target: both ratios <= 1.10.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-3}
SCALE=${2:-24}
DB=lifeboat_bench
[ "$SCALE" = 24 ] || DB="lifeboat_bench$SCALE"
URL=${BENCH_PG_URL:-postgresql://postgres@localhost:5432/postgres}
BASE=${URL%/*}
JOBS=$(nproc)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"; for d in bench_raw bench_lb; do psql "$URL" -qc "drop database if exists $d with (force)" >/dev/null 2>&1 || true; done' EXIT

source benchmarks/common.sh
"${LIFEBOAT[@]}" backup --db "$BASE/$DB" --no-globals >/dev/null
FILE=$(ls "$WORK"/lb/*.dump)
ID=$(basename "$FILE" .dump)
echo "archive: $(du -h "$FILE" | cut -f1), jobs: $JOBS"

raw_restore() {
  psql "$URL" -qc "drop database if exists bench_raw with (force)" >/dev/null
  psql "$URL" -qc "create database bench_raw template template0" >/dev/null
  pg_restore -j "$JOBS" -d "$BASE/bench_raw" "$FILE"
  psql "$URL" -qc "drop database bench_raw with (force)" >/dev/null
}

raw=(); lb=(); full=()
for i in $(seq "$ROUNDS"); do
  t0=$(now); raw_restore; t1=$(now); raw+=("$(echo "$t1 - $t0" | bc -l)")
  psql "$URL" -qc "drop database if exists bench_lb with (force)" >/dev/null
  t0=$(now); "${LIFEBOAT[@]}" restore "$ID" --to "$BASE/$DB" --mode new --new-name bench_lb --yes >/dev/null; t1=$(now)
  lb+=("$(echo "$t1 - $t0" | bc -l)")
  psql "$URL" -qc "drop database if exists bench_lb with (force)" >/dev/null
  t0=$(now); "${LIFEBOAT[@]}" verify "$ID" --depth full >/dev/null; t1=$(now)
  full+=("$(echo "$t1 - $t0" | bc -l)")
  echo "round $i: raw pg_restore ${raw[-1]} s, lifeboat restore --mode new ${lb[-1]} s, verify --depth full ${full[-1]} s"
done
mr=$(printf '%s\n' "${raw[@]}" | median); ml=$(printf '%s\n' "${lb[@]}" | median); mf=$(printf '%s\n' "${full[@]}" | median)
printf 'median raw restore (createdb + pg_restore -j %s + dropdb) %8.2f s\n' "$JOBS" "$mr"
printf 'median lifeboat restore --mode new    %8.2f s   ratio %.3f (target <= 1.10)\n' "$ml" "$(echo "$ml / $mr" | bc -l)"
printf 'median lifeboat verify --depth full   %8.2f s   ratio %.3f (target <= 1.10)\n' "$mf" "$(echo "$mf / $mr" | bc -l)"
