#!/usr/bin/env bash
# Where a restore's and a full verify's time goes around pg_restore (decision 011): for each run,
#   before = launch -> the loading pg_restore's start, load = -> the last of pg_restore and psql to exit,
#   after = -> the command's exit,
# read from the process events alone (strace -f of execve and exit, through seccomp: no other syscall
# stops), so the numbers are wall times of the critical path, not of the tracing. With a second
# launcher (e.g. a build of main) the two alternate in each round.
#
#   BENCH_PG_URL=postgresql://postgres@localhost:5432/postgres benchmarks/restore_phases.sh [ROUNDS] [SHAPE] [OTHER_LAUNCHER]
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-3}
SCALE=${2:-tables2000}
OTHER=${3:-}
URL=${BENCH_PG_URL:-postgresql://postgres@localhost:5432/postgres}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"; psql "$URL" -qc "drop database if exists bench_phases with (force)" >/dev/null 2>&1 || true' EXIT
command -v strace >/dev/null || { echo "restore_phases.sh needs strace" >&2; exit 2; }

source benchmarks/common.sh
fixture "$URL" "$SCALE"
"${LIFEBOAT[@]}" backup --db "$DB_URL" --no-globals >/dev/null
ID=$(basename "$(ls "$WORK"/lb/*.dump)" .dump)
cp -a "$WORK/lb" "$WORK/lb-other"
sql() { PGOPTIONS="-c client_min_messages=warning" psql "$URL" -qc "$1" >/dev/null; }

# Prints "BEFORE LOAD AFTER" for one command run under strace.
phases() {
  local out="$WORK/trace"
  strace -f --seccomp-bpf -e trace=execve,exit_group -tt -o "$out" "$@" >/dev/null 2>>"$WORK/stderr.log"
  python3 - "$out" <<'PY'
import sys
def t(s):
    h, m, x = s.split(':'); return int(h) * 3600 + int(m) * 60 + float(x)
start = last = None; restores = {}; psqls = {}
for line in open(sys.argv[1]):
    f = line.split(None, 2)
    if len(f) < 3: continue
    pid, ts, rest = f[0], t(f[1]), f[2]
    start = ts if start is None else start
    if rest.startswith('execve(') and '--version' not in rest and '--list' not in rest:
        if 'pg_restore"' in rest: restores[pid] = [ts, None]
        elif 'psql"' in rest: psqls[pid] = [ts, None]
    if rest.startswith('+++ exited'):
        last = ts
        for d in (restores, psqls):
            if pid in d: d[pid][1] = ts
p = max(restores.values(), key=lambda v: (v[1] or 0) - v[0])   # the loading pg_restore: the longest
end = max([p[1]] + [v[1] for v in psqls.values() if v[1] and v[0] <= p[1]])
print("%.3f %.3f %.3f" % (p[0] - start, end - p[0], last - end))
PY
}

variants=(this); [ -n "$OTHER" ] && variants+=(other)
for i in $(seq "$ROUNDS"); do
  for v in "${variants[@]}"; do
    if [ "$v" = this ]; then cmd=("${LIFEBOAT[@]}"); else cmd=("$OTHER" --folder "$WORK/lb-other"); fi
    sql "drop database if exists bench_phases with (force)"; sql checkpoint
    echo "round $i $v restore --mode new: before/load/after $(phases "${cmd[@]}" restore "$ID" --to "$DB_URL" --mode new --new-name bench_phases --yes) s (load $(load))"
    sql "drop database if exists bench_phases with (force)"; sql checkpoint
    echo "round $i $v verify --depth full: before/load/after $(phases "${cmd[@]}" verify "$ID" --depth full) s (load $(load))"
  done
done
