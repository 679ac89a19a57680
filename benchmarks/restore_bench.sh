#!/usr/bin/env bash
# Restore benchmark, alternating in one run: `createdb` + raw pg_restore, both ways (`-j N` and
# `--single-transaction`), against `lifeboat restore --mode new` of the same archive, and the same
# plus `dropdb` (a scratch restore) against `lifeboat verify --depth full`. Lifeboat is compared with
# the better raw variant of each round's medians, and by the median of each round's own ratio. Each
# timed step starts after a CHECKPOINT, so none pays for another's writes, and the variants' order rotates
# from round to round. For a server on this machine it also prints what the server spent on each variant
# (its CPU for the same restore moves by up to a fifth between rounds here, whoever runs it).
#
#   BENCH_PG_URL=postgresql://postgres@localhost:5432/postgres benchmarks/restore_bench.sh [ROUNDS] [SHAPE]
#
# SHAPE: a pgbench scale or tables2000 (fixture() in common.sh makes the database once).
# Target: both ratios <= 1.10 against the best raw variant.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-3}
SCALE=${2:-24}
URL=${BENCH_PG_URL:-postgresql://postgres@localhost:5432/postgres}
BASE=${URL%/*}
JOBS=$(nproc)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"; for d in bench_raw bench_lb; do psql "$URL" -qc "drop database if exists $d with (force)" >/dev/null 2>&1 || true; done' EXIT

source benchmarks/common.sh
fixture "$URL" "$SCALE"
"${LIFEBOAT[@]}" backup --db "$DB_URL" --no-globals >/dev/null
FILE=$(ls "$WORK"/lb/*.dump)
ID=$(basename "$FILE" .dump)
echo "archive: $(du -h "$FILE" | cut -f1), jobs: $JOBS"

sql() { PGOPTIONS="-c client_min_messages=warning" psql "$URL" -qc "$1" >/dev/null; }
# Every timed step starts from a checkpoint, so that no step pays for writing out another's data.
settle() { sql "drop database if exists bench_raw with (force)"; sql "drop database if exists bench_lb with (force)"; sql checkpoint; }
# What a DBA types to restore into a new database, in parallel or in one transaction...
raw_restore() {
  sql "create database bench_raw template template0"
  pg_restore -j "$JOBS" -d "$BASE/bench_raw" "$FILE"
}
raw_single() {
  sql "create database bench_raw template template0"
  pg_restore --single-transaction -d "$BASE/bench_raw" "$FILE"
}
# ...and to test-restore into a scratch database and drop it (what a full verify does: without the
# archive's owners and grants, which a scratch server need not have; ArchiveRestorer.Options.testRestore).
raw_scratch() {
  sql "create database bench_raw template template0"
  pg_restore -j "$JOBS" --no-owner --no-privileges -d "$BASE/bench_raw" "$FILE"
  sql "drop database bench_raw with (force)"
}
raw_scratch_single() {
  sql "create database bench_raw template template0"
  pg_restore --single-transaction --no-owner --no-privileges -d "$BASE/bench_raw" "$FILE"
  sql "drop database bench_raw with (force)"
}
# Prints the wall time of a step and keeps its CPU seconds (client side: psql, pg_restore, the JVM)
# in $WORK/cpu.LABEL and, for a server on this machine, the server's in $WORK/srv.LABEL, one line per round.
PORT=$(echo "$URL" | sed -nE 's#^[a-z]+://[^/]*:([0-9]+)/.*#\1#p'); PORT=${PORT:-5432}
elapsed() {
  local label=$1 w c s0 s1; shift
  s0=$(server_cpu "$PORT")
  read -r w c < <(measure "$@")
  echo "$c" >> "$WORK/cpu.$label"
  if [ -n "$s0" ]; then
    sleep 0.2 # the last session's backend is counted once the postmaster has reaped it
    s1=$(server_cpu "$PORT")
    echo "$s1 - $s0" | bc >> "$WORK/srv.$label"
  fi
  echo "$w"
}
cpu() { median < "$WORK/cpu.$1"; }
srv() { if [ -s "$WORK/srv.$1" ]; then median < "$WORK/srv.$1"; else echo "n/a"; fi; }
# The median of each round's ratio (Lifeboat's step over the better raw variant of the same round):
# rounds share the server's mood, which medians taken apart do not pair.
paired() { paste -d' ' "$1" "$2" "$3" | awk '{ b = $2 < $3 ? $2 : $3; print $1 / b }' | median; }

lb_restore() { "${LIFEBOAT[@]}" restore "$ID" --to "$DB_URL" --mode new --new-name bench_lb --yes; }
lb_verify() { "${LIFEBOAT[@]}" verify "$ID" --depth full; }
raw=(); one=(); lb=(); scratch=(); scratch1=(); full=()
# Each round runs the three restores, then the three test restores, in an order rotated round by round:
# a server that has just created and dropped thousands of relations is slower for a while, and a fixed
# order would put that on the same variant every round.
for i in $(seq "$ROUNDS"); do
  for k in 0 1 2; do
    case $(( (i + k) % 3 )) in
      0) settle; raw+=("$(elapsed raw raw_restore)") ;;
      1) settle; one+=("$(elapsed one raw_single)") ;;
      2) settle; lb+=("$(elapsed lb lb_restore)") ;;
    esac
  done
  for k in 0 1 2; do
    case $(( (i + k) % 3 )) in
      0) settle; scratch+=("$(elapsed scratch raw_scratch)") ;;
      1) settle; scratch1+=("$(elapsed scratch1 raw_scratch_single)") ;;
      2) settle; full+=("$(elapsed full lb_verify)") ;;
    esac
  done
  echo "round $i: createdb + pg_restore -j $JOBS ${raw[-1]} s, --single-transaction ${one[-1]} s," \
       "lifeboat restore --mode new ${lb[-1]} s; + dropdb ${scratch[-1]} s / ${scratch1[-1]} s," \
       "lifeboat verify --depth full ${full[-1]} s (load $(load))"
done
settle
"${LIFEBOAT[@]}" restore "$ID" --to "$DB_URL" --mode new --new-name bench_lb --dry-run 2>/dev/null | grep -i "restore the backup" || true
mr=$(printf '%s\n' "${raw[@]}" | median); m1=$(printf '%s\n' "${one[@]}" | median); ml=$(printf '%s\n' "${lb[@]}" | median)
ms=$(printf '%s\n' "${scratch[@]}" | median); ms1=$(printf '%s\n' "${scratch1[@]}" | median); mf=$(printf '%s\n' "${full[@]}" | median)
best=$(printf '%s\n%s\n' "$mr" "$m1" | sort -n | head -1); bests=$(printf '%s\n%s\n' "$ms" "$ms1" | sort -n | head -1)
printf 'median createdb + pg_restore -j %s                   %8.2f s\n' "$JOBS" "$mr"
printf 'median createdb + pg_restore --single-transaction   %8.2f s\n' "$m1"
printf 'median lifeboat restore --mode new                 %8.2f s   ratio to the best %.3f (target <= 1.10)\n' "$ml" "$(echo "$ml / $best" | bc -l)"
printf 'median the same + dropdb: -j %s %.2f s, --single-transaction %.2f s\n' "$JOBS" "$ms" "$ms1"
printf 'median lifeboat verify --depth full                %8.2f s   ratio to the best %.3f (target <= 1.10)\n' "$mf" "$(echo "$mf / $bests" | bc -l)"
printf 'median CPU (client side): pg_restore -j %.2f s, --single-transaction %.2f s, lifeboat restore %.2f s; ' \
  "$(cpu raw)" "$(cpu one)" "$(cpu lb)"
printf 'scratch -j %.2f s, --single-transaction %.2f s, lifeboat verify --depth full %.2f s\n' \
  "$(cpu scratch)" "$(cpu scratch1)" "$(cpu full)"
echo "median server CPU: pg_restore -j $(srv raw) s, --single-transaction $(srv one) s, lifeboat restore $(srv lb) s;" \
  "scratch -j $(srv scratch) s, --single-transaction $(srv scratch1) s, lifeboat verify --depth full $(srv full) s"
printf '%s\n' "${lb[@]}" > "$WORK/p.lb"; printf '%s\n' "${raw[@]}" > "$WORK/p.raw"; printf '%s\n' "${one[@]}" > "$WORK/p.one"
printf '%s\n' "${full[@]}" > "$WORK/p.full"; printf '%s\n' "${scratch[@]}" > "$WORK/p.s"; printf '%s\n' "${scratch1[@]}" > "$WORK/p.s1"
printf 'median of the rounds'"'"' own ratios to their better raw variant: restore %.3f, full verify %.3f\n' \
  "$(paired "$WORK/p.lb" "$WORK/p.raw" "$WORK/p.one")" "$(paired "$WORK/p.full" "$WORK/p.s" "$WORK/p.s1")"
echo "load: $(load)"
