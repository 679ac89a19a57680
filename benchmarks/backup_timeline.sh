#!/usr/bin/env bash
# When pg_dump runs, and how long, inside a Lifeboat backup and alone, alternating (strace on process
# starts and ends only, at almost no cost):
#
#   BENCH_PG_URL=postgresql://postgres@localhost:5432/postgres benchmarks/backup_timeline.sh APP [ROUNDS] [DB] [-- BACKUP ARGS]
#
# APP is an app-image folder (bin/lifeboat-cli). Per round it runs raw `pg_dump -Fc -f FILE` (the real
# binary, not Debian's dispatcher) and `lifeboat backup`, and prints for each, in seconds after launch:
# pg_dump's exec and exit, its run (exec to exit), its own CPU (user + system, from the kernel's exit
# record), the tail (pg_dump's exit to the end of the run) and the whole run, then the medians. The
# question it answers: is pg_dump itself slower inside Lifeboat (its CPU, its wall), or is the
# difference before and after it.
set -euo pipefail
cd "$(dirname "$0")/.."
APP=$1 ROUNDS=${2:-5} DB=${3:-lifeboat_bench50}
shift $(( $# < 3 ? $# : 3 ))
[ "${1:-}" = "--" ] && shift
EXTRA=("$@")
URL=${BENCH_PG_URL:-postgresql://postgres@localhost:5432/postgres}
URL="${URL%/*}/$DB"
PG_DUMP=$(pg_config --bindir 2>/dev/null)/pg_dump
[ -x "$PG_DUMP" ] || PG_DUMP=$(ls /usr/lib/postgresql/*/bin/pg_dump | sort -V | tail -1)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# strace's log -> "exec exit cpu tail total" (seconds after launch) of the pg_dump that dumps (not -V)
account() { # LOG T0 T1
  awk -v t0="$2" -v t1="$3" '
    /execve\(.*\/pg_dump", \[.*(--format|-Fc)/ && pid == "" { pid = $1; exec = $2 - t0 }
    $1 == pid && /exit_group/ { exit_ = $2 - t0 }
    /SIGCHLD/ && pid != "" && index($0, "si_pid=" pid ",") {
      match($0, /si_utime=[0-9]+/); u = substr($0, RSTART + 9, RLENGTH - 9)
      match($0, /si_stime=[0-9]+/); s = substr($0, RSTART + 9, RLENGTH - 9)
      cpu = (u + s) / 100 }
    END { printf "exec %.3f exit %.3f run %.3f pg_dump_cpu %.2f tail %.3f total %.3f\n", exec, exit_, exit_ - exec, cpu, t1 - t0 - exit_, t1 - t0 }' "$1"
}
trace() { # LABEL COMMAND...
  local label=$1; shift
  local t0 t1
  t0=$(date +%s.%N)
  strace -f --seccomp-bpf -e trace=execve,exit_group -ttt -o "$WORK/st" "$@" > /dev/null 2> "$WORK/err" \
    || { cat "$WORK/err" >&2; return 1; }
  t1=$(date +%s.%N)
  printf '%s %s load %s\n' "$label" "$(account "$WORK/st" "$t0" "$t1")" "$(cut -d' ' -f1 /proc/loadavg)"
}
# time(1) makes the kernel report pg_dump's CPU to a traced parent, as the JVM is for Lifeboat's
raw() { rm -f "$WORK/raw.dump"; trace raw /usr/bin/time -o /dev/null "$PG_DUMP" -Fc -f "$WORK/raw.dump" "$URL"; }
lb() { rm -rf "$WORK/lb"; trace lifeboat "$APP/bin/lifeboat-cli" --folder "$WORK/lb" backup --db "$URL" --no-copy "${EXTRA[@]}"; }
for i in $(seq "$ROUNDS"); do
  if (( i % 2 )); then raw; lb; else lb; raw; fi
done | tee "$WORK/rounds"
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
for l in raw lifeboat; do
  printf '%s medians:' "$l"
  for f in exec exit run pg_dump_cpu tail total; do
    printf ' %s %s' "$f" "$(awk -v l="$l" -v f="$f" '$1 == l { for (i = 2; i < NF; i++) if ($i == f) print $(i + 1) }' "$WORK/rounds" | median)"
  done
  echo
done
