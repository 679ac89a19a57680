#!/usr/bin/env bash
# The installed app's time to a visible window (run by `benchmarks/ui_bench.sh --window`; see there).
#   [IMG=APP_IMAGE_DIR] benchmarks/window_bench.sh ENTRIES RUNS
# IMG: another app-image (e.g. a copy of a Java 17 one beside a Java 25 one; decision 012).
set -euo pipefail
cd "$(dirname "$0")/.."
ENTRIES=${1:-35000}
RUNS=${2:-5}
IMG=${IMG:-$PWD/target/jpackage/image/lifeboat}
if [ ! -x "$IMG/bin/lifeboat" ]; then
  echo "no app-image at $IMG: build it first with ./mvnw -o -q package -DskipTests" >&2
  exit 2
fi
if [ ! -f "$IMG/lib/app/lifeboat.jsa" ]; then
  sh installer/make-cds.sh "$IMG" # as postinst does where the app is installed (nothing on Java 25: its caches come built)
fi
TMP=$(mktemp -d)
XVFB=
cleanup() {
  if [ -n "$XVFB" ]; then
    kill "$XVFB" 2>/dev/null || true
  fi
  rm -rf "$TMP"
}
trap cleanup EXIT
if [ -z "${DISPLAY:-}" ]; then
  Xvfb :96 -screen 0 1600x1000x24 -nolisten tcp > /dev/null 2>&1 &
  XVFB=$!
  export DISPLAY=:96
  sleep 1
fi
./mvnw -q -B -o test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
mkdir -p "$TMP/empty"
java -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" dev.lifeboat.bench.SeedCatalog "$TMP/large" "$ENTRIES"

# One start: wall ms from the launcher's start until the probe's line is read (the app prints it when
# its window was drawn, then exits), the app's own line (times from the JVM's start), and the CPU
# seconds of the whole process (launcher and JVM, all threads, until it exited just after that line).
once() {
  local folder=$1 home
  home=$(mktemp -d -p "$TMP")
  local t0 line t1
  t0=$(date +%s%N)
  line=$(LIFEBOAT_STARTUP_PROBE=1 LIFEBOAT_HOME="$home" LIFEBOAT_FOLDER="$folder" \
    /usr/bin/time -f "%U %S" -o "$home/cpu" "$IMG/bin/lifeboat" 2>/dev/null \
    | { IFS= read -r l; date +%s%N; echo "$l"; cat > /dev/null; })
  t1=$(echo "$line" | head -1)
  echo "launch to drawn $(( (t1 - t0) / 1000000 )) ms; $(echo "$line" | tail -1); CPU $(awk '{print $1 " user + " $2 " sys s"}' "$home/cpu")"
}
echo "window: the app-image's launcher under Xvfb, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
for run in $(seq 1 "$RUNS"); do
  echo "window run $run, empty folder: $(once "$TMP/empty")"
  echo "window run $run, $ENTRIES backups: $(once "$TMP/large")"
done
