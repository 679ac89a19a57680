#!/usr/bin/env bash
# What a backup's promise costs with the raw tools alone, against Lifeboat, alternating, in one run.
#
#   BENCH_PG_URL=postgresql://postgres@localhost:5432/postgres benchmarks/backup_floor.sh [ROUNDS] [SHAPE]
#
# Each round runs four backups of the same database (SHAPE as in backup_bench.sh):
#   raw       pg_dump -Fc -f FILE
#   promise   the same work Lifeboat promises, done by the raw tools: psql opens a repeatable-read
#             transaction and exports its snapshot, pg_dump -Fc --snapshot streams into `tee FILE |
#             sha256sum` while psql counts every table's rows in that snapshot (50 tables to a
#             statement, as Lifeboat does), then commits
#   estimated lifeboat backup --estimated-counts (the JVM's part without the exact counts)
#   lifeboat  lifeboat backup
# and prints the medians and each one's ratio to raw. promise/raw is the floor of the backup target
# on this machine for any program that keeps the promise: what exact counts cost beside pg_dump when
# both share the cores. lifeboat/promise is what the JVM adds on top.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-3}
SCALE=${2:-50}
URL=${BENCH_PG_URL:-postgresql://postgres@localhost:5432/postgres}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

source benchmarks/common.sh
fixture "$URL" "$SCALE"
echo "database size: $(psql "$DB_URL" -Atc "select pg_size_pretty(pg_database_size(current_database()))")"
echo "pg_dump: $(pg_dump --version)   cores: $(nproc)"

# The count statements: every ordinary and partitioned table with data, 50 to a UNION ALL.
COUNTS="$WORK/counts.sql"
psql "$DB_URL" -XAt -c "
  SELECT string_agg(format('SELECT %s, count(*) FROM %I.%I', rn, nspname, relname), E'\nUNION ALL ') || ';'
  FROM (SELECT n.nspname, c.relname, row_number() OVER (ORDER BY n.nspname, c.relname) - 1 AS rn
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
          AND n.nspname NOT LIKE 'pg_toast%') t
  GROUP BY rn / 50 ORDER BY rn / 50" > "$COUNTS"

# The raw tools keeping Lifeboat's promise (see above); prints nothing.
promise() {
  local out=$1 snap
  # ON_ERROR_STOP: a failed statement (e.g. "out of shared memory" when the server's lock table is full)
  # ends psql, and so the wait for its answer below, instead of leaving an aborted transaction waiting
  coproc PSQL { psql -XAtq -v ON_ERROR_STOP=1 "$DB_URL"; }
  echo "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY; SELECT pg_export_snapshot();" >&"${PSQL[1]}"
  read -r snap <&"${PSQL[0]}"
  pg_dump -Fc --snapshot="$snap" "$DB_URL" | tee "$out" | sha256sum > /dev/null &
  local dump=$!
  { cat "$COUNTS"; echo "SELECT 'counted';"; } >&"${PSQL[1]}"
  local line
  line=
  while read -r line <&"${PSQL[0]}"; do
    [ "$line" = counted ] && break
  done
  wait "$dump"
  if [ "$line" != counted ]; then
    echo "promise: psql stopped before the counts were done (its error is above)" >&2
    return 1
  fi
  echo "COMMIT;" >&"${PSQL[1]}"
  exec {PSQL[1]}>&-
  wait "$PSQL_PID" 2>/dev/null || true
}

raw=(); pr=(); est=(); lb=()
for i in $(seq "$ROUNDS"); do
  rm -f "$WORK/raw.dump" "$WORK/promise.dump"
  read -r w c < <(measure pg_dump -Fc -f "$WORK/raw.dump" "$DB_URL"); raw+=("$w")
  t0=$(now); promise "$WORK/promise.dump"; t1=$(now); pr+=("$(echo "$t1 - $t0" | bc -l)")
  read -r w c < <(measure "${LIFEBOAT[@]}" backup --db "$DB_URL" --estimated-counts --description "floor $i"); est+=("$w")
  read -r w c < <(measure "${LIFEBOAT[@]}" backup --db "$DB_URL" --description "floor $i"); lb+=("$w")
  printf 'round %s: raw %.2f s, promise %.2f s, lifeboat --estimated-counts %.2f s, lifeboat %.2f s (load %s)\n' \
    "$i" "${raw[-1]}" "${pr[-1]}" "${est[-1]}" "${lb[-1]}" "$(load)"
done
mr=$(printf '%s\n' "${raw[@]}" | median); mp=$(printf '%s\n' "${pr[@]}" | median)
me=$(printf '%s\n' "${est[@]}" | median); ml=$(printf '%s\n' "${lb[@]}" | median)
printf 'medians: raw %.2f s; promise %.2f s (%.3f); lifeboat --estimated-counts %.2f s (%.3f); lifeboat %.2f s (%.3f; %.3f of promise)   load %s\n' \
  "$mr" "$mp" "$(echo "$mp / $mr" | bc -l)" "$me" "$(echo "$me / $mr" | bc -l)" "$ml" "$(echo "$ml / $mr" | bc -l)" \
  "$(echo "$ml / $mp" | bc -l)" "$(load)"
