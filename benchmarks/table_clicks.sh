#!/usr/bin/env bash
# The backups table's sort clicks at 35,000 entries, many of them: RUNS runs of TableProbe (headless
# Monocle, software rendering), each clicking every column ascending and descending twice over
# (-Dprobe.rounds=2), optionally with a backup selected first (SELECT=true); then the distribution of
# every click's time from the click until the sorted rows are laid out (wall), and of the FX thread's CPU.
#
#   benchmarks/table_clicks.sh [RUNS] [ENTRIES]        (SELECT=true benchmarks/table_clicks.sh 5)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${1:-5}"
ENTRIES="${2:-35000}"
./mvnw -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
OUT="$(mktemp -d)"
for i in $(seq 1 "$RUNS"); do
  echo "run $i, load $(cut -d' ' -f1-3 /proc/loadavg)"
  java -Xmx1g -Dtestfx.headless=true -Dprism.order=sw -Dglass.platform=Monocle -Dmonocle.platform=Headless \
    -Dheadless.geometry=1920x1200-32 -Dprobe.rounds=2 -Dprobe.select="${SELECT:-false}" \
    -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
    dev.lifeboat.bench.TableProbe "$ENTRIES" 2>/dev/null | grep -E '^(sort|selected|window)' | tee "$OUT/run-$i.txt"
done
python3 - "$OUT" <<'PY'
import re, sys, glob
walls, fx = [], []
for f in sorted(glob.glob(sys.argv[1] + "/run-*.txt")):
    for line in open(f):
        if line.startswith("sort "):
            for m in re.finditer(r"(?:ASCENDING|DESCENDING) (\d+)/(\d+)/", line):
                walls.append(int(m.group(1))); fx.append(int(m.group(2)))
if not walls:
    sys.exit("no clicks measured")
def q(a, p):
    a = sorted(a); return a[min(len(a) - 1, int(p * len(a)))]
print(f"{len(walls)} clicks, click to laid out (ms): median {q(walls, .5)}, p90 {q(walls, .9)}, p99 {q(walls, .99)}, "
      f"max {max(walls)}, over 100 ms: {sum(w > 100 for w in walls)}")
print(f"FX-thread CPU per click (ms): median {q(fx, .5)}, p90 {q(fx, .9)}, max {max(fx)}")
PY
