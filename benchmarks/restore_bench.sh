#!/usr/bin/env bash
# Restore benchmark, alternating in one run: `createdb` + `pg_restore -j N` against `lifeboat restore
# --mode new` of the same archive, and the same plus `dropdb` (a scratch restore) against `lifeboat
# verify --depth full`. Each timed step starts after a CHECKPOINT, so none pays for another's writes.
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

sql() { PGOPTIONS="-c client_min_messages=warning" psql "$URL" -qc "$1" >/dev/null; }
# Every timed step starts from a checkpoint, so that no step pays for writing out another's data.
settle() { sql "drop database if exists bench_raw with (force)"; sql "drop database if exists bench_lb with (force)"; sql checkpoint; }
# What a DBA types to restore into a new database...
raw_restore() {
  sql "create database bench_raw template template0"
  pg_restore -j "$JOBS" -d "$BASE/bench_raw" "$FILE"
}
# ...and to test-restore into a scratch database and drop it (what a full verify does).
raw_scratch() {
  raw_restore
  sql "drop database bench_raw with (force)"
}
elapsed() { local t0 t1; t0=$(now); "$@" >/dev/null; t1=$(now); echo "$t1 - $t0" | bc -l; }

raw=(); lb=(); scratch=(); full=()
for i in $(seq "$ROUNDS"); do
  settle; raw+=("$(elapsed raw_restore)")
  settle; lb+=("$(elapsed "${LIFEBOAT[@]}" restore "$ID" --to "$BASE/$DB" --mode new --new-name bench_lb --yes)")
  settle; scratch+=("$(elapsed raw_scratch)")
  settle; full+=("$(elapsed "${LIFEBOAT[@]}" verify "$ID" --depth full)")
  echo "round $i: createdb + pg_restore ${raw[-1]} s, lifeboat restore --mode new ${lb[-1]} s;" \
       "createdb + pg_restore + dropdb ${scratch[-1]} s, lifeboat verify --depth full ${full[-1]} s"
done
settle
mr=$(printf '%s\n' "${raw[@]}" | median); ml=$(printf '%s\n' "${lb[@]}" | median)
ms=$(printf '%s\n' "${scratch[@]}" | median); mf=$(printf '%s\n' "${full[@]}" | median)
printf 'median createdb + pg_restore -j %s          %8.2f s\n' "$JOBS" "$mr"
printf 'median lifeboat restore --mode new        %8.2f s   ratio %.3f (target <= 1.10)\n' "$ml" "$(echo "$ml / $mr" | bc -l)"
printf 'median createdb + pg_restore -j %s + dropdb %8.2f s\n' "$JOBS" "$ms"
printf 'median lifeboat verify --depth full       %8.2f s   ratio %.3f (target <= 1.10)\n' "$mf" "$(echo "$mf / $ms" | bc -l)"
