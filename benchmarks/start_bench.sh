#!/usr/bin/env bash
# Start-up of packaged app-images compared, alternating (issue 14, decision 012): for each image, each
# round, `lifeboat-cli --version`, `list` on an empty folder, a backup's launch until pg_dump starts
# (the log's "Running ...pg_dump --format" line against the clock just before the launch) and, with
# WINDOW=1 (under Xvfb; started on :95 when DISPLAY is unset), the window from its launcher until the
# first frame is drawn (LIFEBOAT_STARTUP_PROBE=1). Prints wall ms and the process's CPU (user + sys),
# with the load.
#
#   BENCH_PG_URL=postgresql://postgres@localhost:55440/postgres [DB=classlist_src] [ROUNDS=5] [WINDOW=1] \
#     benchmarks/start_bench.sh IMAGE_DIR...      (each IMAGE_DIR holds bin/lifeboat-cli, e.g. target/jpackage/image/lifeboat)
set -euo pipefail
ROUNDS=${ROUNDS:-5}
DB=${DB:-classlist_src}
[ $# -gt 0 ] || { sed -n '2,11p' "$0"; exit 2; }
TMP=$(mktemp -d)
XVFB=
cleanup() {
  if [ -n "$XVFB" ]; then kill "$XVFB" 2>/dev/null || true; fi
  rm -rf "$TMP"
}
trap cleanup EXIT
if [ "${WINDOW:-0}" = 1 ] && [ -z "${DISPLAY:-}" ]; then
  Xvfb :95 -screen 0 1600x1000x24 -nolisten tcp > /dev/null 2>&1 &
  XVFB=$!
  export DISPLAY=:95
  sleep 1
fi
mkdir -p "$TMP/empty"
load() { cut -d' ' -f1 /proc/loadavg; }
cpu() { awk '{printf "%.2f", $1 + $2}' "$1"; }
now_ms() { date +%s%3N; }

# name, wall ms, CPU s, load
report() { printf '%-28s %-10s wall %6s ms  cpu %5s s  load %s\n' "$1" "$2" "$3" "$4" "$5"; }

for round in $(seq 1 "$ROUNDS"); do
  for img in "$@"; do
    name=$(basename "$(dirname "$(dirname "$img/x")")")/$(basename "$img")
    home=$(mktemp -d -p "$TMP")
    l=$(load); t0=$(now_ms)
    LIFEBOAT_HOME=$home /usr/bin/time -f '%U %S' -o "$home/cpu" "$img/bin/lifeboat-cli" --version > /dev/null
    report "$name" version $(( $(now_ms) - t0 )) "$(cpu "$home/cpu")" "$l"
    l=$(load); t0=$(now_ms)
    LIFEBOAT_HOME=$home /usr/bin/time -f '%U %S' -o "$home/cpu" "$img/bin/lifeboat-cli" --folder "$TMP/empty" list > /dev/null
    report "$name" list $(( $(now_ms) - t0 )) "$(cpu "$home/cpu")" "$l"
    if [ -n "${BENCH_PG_URL:-}" ]; then
      url="${BENCH_PG_URL%/*}/$DB"
      l=$(load); t0=$(now_ms)
      LIFEBOAT_HOME=$home /usr/bin/time -f '%U %S' -o "$home/cpu" "$img/bin/lifeboat-cli" --folder "$home/backups" \
        backup --db "$url" > /dev/null
      log=$(find "$home" -name lifeboat.log | head -1)
      started=$(grep -m1 'Running .*pg_dump --format' "$log" | cut -c1-23)
      t1=$(date -d "$started" +%s%3N)
      report "$name" to-pg_dump $(( t1 - t0 )) "$(cpu "$home/cpu")" "$l"
    fi
    if [ "${WINDOW:-0}" = 1 ]; then
      l=$(load); t0=$(now_ms)
      line=$(LIFEBOAT_STARTUP_PROBE=1 LIFEBOAT_HOME="$home" LIFEBOAT_FOLDER="$TMP/empty" \
        /usr/bin/time -f "%U %S" -o "$home/cpu" "$img/bin/lifeboat" 2>/dev/null \
        | { IFS= read -r x; now_ms; echo "$x"; cat > /dev/null; })
      report "$name" window $(( $(echo "$line" | head -1) - t0 )) "$(cpu "$home/cpu")" "$l $(echo "$line" | tail -1)"
    fi
    rm -rf "$home"
  done
done
