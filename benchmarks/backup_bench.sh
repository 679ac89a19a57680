#!/usr/bin/env bash
# Backup and quick-verify benchmark: Lifeboat against the raw tools, alternating, in one run.
#
#   BENCH_PG_URL=postgresql://postgres@localhost:5432/postgres benchmarks/backup_bench.sh [ROUNDS] [SHAPE]
#
# SHAPE is a pgbench scale or tables2000 (see fixture() in common.sh). Creates (once) a pgbench
# database "lifeboat_bench" of the given scale (24 ~ 360 MB; another scale gets its own database,
# lifeboat_bench<SCALE>: 200 ~ 3 GB), or 2,000 small tables, then runs
# `pg_dump -Fc -f` and `lifeboat backup` alternately ROUNDS times, and `sha256sum` and
# `lifeboat verify --depth quick` alternately on the same file. Prints medians and ratios.
# Targets: backup <= 1.05x raw pg_dump (<= 1.3x on 2,000 small tables); quick verify no slower than sha256sum.
# With BENCH_JOBS=N (see below) it compares -Fc with -Fd -j N instead, on one core and on all.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-3}
SCALE=${2:-24}
URL=${BENCH_PG_URL:-postgresql://postgres@localhost:5432/postgres}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

source benchmarks/common.sh
fixture "$URL" "$SCALE"
echo "database size: $(psql "$DB_URL" -Atc "select pg_size_pretty(pg_database_size(current_database()))")"
echo "pg_dump: $(pg_dump --version)   cores: $(nproc)"

# BENCH_JOBS=N: pg_dump -Fc against -Fd -j N, raw and through Lifeboat, on one core (taskset -c 0)
# and on all of them; best with SHAPE bigtablesROWS (several large tables of similar size). taskset
# pins pg_dump and Lifeboat only: the server's processes run on every core either way.
if [ -n "${BENCH_JOBS:-}" ]; then
  for cpus in 0 "0-$(( $(nproc) - 1 ))"; do
    fc=(); fd=(); lc=(); ld=()
    for i in $(seq "$ROUNDS"); do
      rm -rf "$WORK/raw.dump" "$WORK/raw.dir"
      t0=$(now); taskset -c "$cpus" pg_dump -Fc -f "$WORK/raw.dump" "$DB_URL"; t1=$(now); fc+=("$(echo "$t1 - $t0" | bc -l)")
      t0=$(now); taskset -c "$cpus" pg_dump -Fd -j "$BENCH_JOBS" -f "$WORK/raw.dir" "$DB_URL"; t1=$(now); fd+=("$(echo "$t1 - $t0" | bc -l)")
      t0=$(now); taskset -c "$cpus" "${LIFEBOAT[@]}" backup --db "$DB_URL" --no-copy >/dev/null; t1=$(now); lc+=("$(echo "$t1 - $t0" | bc -l)")
      t0=$(now); taskset -c "$cpus" "${LIFEBOAT[@]}" backup --db "$DB_URL" --no-copy --jobs "$BENCH_JOBS" >/dev/null; t1=$(now)
      ld+=("$(echo "$t1 - $t0" | bc -l)")
      echo "cpus $cpus round $i: pg_dump -Fc ${fc[-1]} s, -Fd -j $BENCH_JOBS ${fd[-1]} s, lifeboat ${lc[-1]} s, --jobs $BENCH_JOBS ${ld[-1]} s (load $(load))"
    done
    m1=$(printf '%s\n' "${fc[@]}" | median); m2=$(printf '%s\n' "${fd[@]}" | median)
    m3=$(printf '%s\n' "${lc[@]}" | median); m4=$(printf '%s\n' "${ld[@]}" | median)
    printf 'cpus %s: median pg_dump -Fc %.2f s, -Fd -j %s %.2f s (%.3f of -Fc); lifeboat %.2f s, --jobs %s %.2f s (%.3f of raw -Fd)   load %s\n' \
      "$cpus" "$m1" "$BENCH_JOBS" "$m2" "$(echo "$m2 / $m1" | bc -l)" "$m3" "$BENCH_JOBS" "$m4" "$(echo "$m4 / $m2" | bc -l)" "$(load)"
  done
  exit 0
fi

raw=(); lb=(); rawcpu=(); lbcpu=(); sha=(); qv=()
for i in $(seq "$ROUNDS"); do
  rm -f "$WORK/raw.dump"
  read -r w c < <(measure pg_dump -Fc -f "$WORK/raw.dump" "$DB_URL"); raw+=("$w"); rawcpu+=("$c")
  read -r w c < <(measure "${LIFEBOAT[@]}" backup --db "$DB_URL" --description "bench $i"); lb+=("$w"); lbcpu+=("$c")
  echo "round $i: pg_dump ${raw[-1]} s (CPU ${rawcpu[-1]} s), lifeboat backup ${lb[-1]} s (CPU ${lbcpu[-1]} s) (load $(load))"
done
# CPU: the client side only (pg_dump, or the JVM and its pg_dump); what Lifeboat adds is the difference.
mcr=$(printf '%s\n' "${rawcpu[@]}" | median); mcl=$(printf '%s\n' "${lbcpu[@]}" | median)
cpu_line() { printf 'median CPU: pg_dump %.2f s, lifeboat backup %.2f s (its own %.2f s)\n' "$mcr" "$mcl" "$(echo "$mcl - $mcr" | bc -l)"; }
if [ -n "${BACKUP_ONLY:-}" ]; then # BACKUP_ONLY=1: skip the quick-verify comparisons
  mr=$(printf '%s\n' "${raw[@]}" | median); ml=$(printf '%s\n' "${lb[@]}" | median)
  printf 'median pg_dump -Fc %.2f s, lifeboat backup %.2f s, ratio %.3f, load %s\n' "$mr" "$ml" "$(echo "$ml / $mr" | bc -l)" "$(load)"
  cpu_line
  exit 0
fi
FILE=$(ls -t "$WORK"/lb/*.dump | head -1)
ID=$(basename "$FILE" .dump)
echo "backup file: $(du -h "$FILE" | cut -f1)"
cat "$FILE" > /dev/null
for i in $(seq "$ROUNDS"); do
  t0=$(now); sha256sum "$FILE" >/dev/null; t1=$(now)
  sha+=("$(echo "$t1 - $t0" | bc -l)")
  t0=$(now); "${LIFEBOAT[@]}" verify "$ID" --depth quick >/dev/null; t1=$(now)
  qv+=("$(echo "$t1 - $t0" | bc -l)")
  echo "round $i: sha256sum ${sha[-1]} s, lifeboat verify --depth quick ${qv[-1]} s"
done

# The same comparison on a 1 GB incompressible file, where hashing, not start-up, dominates.
head -c 1000000000 /dev/urandom > "$WORK/lb/big_20260101_000000.sql"
"${LIFEBOAT[@]}" import "$WORK/lb/big_20260101_000000.sql" > /dev/null
cat "$WORK/lb/big_20260101_000000.sql" > /dev/null
bs=(); bq=()
for i in $(seq "$ROUNDS"); do
  t0=$(now); sha256sum "$WORK/lb/big_20260101_000000.sql" >/dev/null; t1=$(now); bs+=("$(echo "$t1 - $t0" | bc -l)")
  t0=$(now); "${LIFEBOAT[@]}" verify big_20260101_000000 --depth quick >/dev/null; t1=$(now); bq+=("$(echo "$t1 - $t0" | bc -l)")
done

mr=$(printf '%s\n' "${raw[@]}" | median); ml=$(printf '%s\n' "${lb[@]}" | median)
ms=$(printf '%s\n' "${sha[@]}" | median); mq=$(printf '%s\n' "${qv[@]}" | median)
printf 'median pg_dump -Fc      %8.2f s\n' "$mr"
printf 'median lifeboat backup  %8.2f s   ratio %.3f (target <= 1.05; 1.3 on tables2000)   load %s\n' "$ml" "$(echo "$ml / $mr" | bc -l)" "$(load)"
cpu_line
printf 'median sha256sum        %8.2f s\n' "$ms"
printf 'median quick verify     %8.2f s   ratio %.3f (target <= 1.00; includes JVM start)\n' "$mq" "$(echo "$mq / $ms" | bc -l)"
mbs=$(printf '%s\n' "${bs[@]}" | median); mbq=$(printf '%s\n' "${bq[@]}" | median)
printf '1 GB file: sha256sum %6.2f s, quick verify %6.2f s   ratio %.3f\n' "$mbs" "$mbq" "$(echo "$mbq / $mbs" | bc -l)"
