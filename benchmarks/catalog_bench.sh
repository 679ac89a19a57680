#!/usr/bin/env bash
# Catalog benchmark: a folder of 35,000 realistic entries (about twenty tables each, half of them
# verified), then `list --json` and `list --last 50` end to end (time and peak RSS, GNU time), and
# the catalog part of a backup, a verification, a prune, a health check and the app's table read, each
# in a fresh JVM.
# The machine's load is printed beside the numbers: on a shared machine they are inflated.
#
#   benchmarks/catalog_bench.sh [ENTRIES]
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-35000}"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
./mvnw -q -B -o test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
CP="target/test-classes:target/classes:$(cat target/test-classpath.txt)"
bench() { java -cp "$CP" dev.lifeboat.bench.CatalogBenchmark "$@"; }
measure() { # label, command...: wall time and peak resident memory
  local label="$1"; shift
  /usr/bin/time -f "%e %U %S %M" -o "$WORK/time" "$@" > "$WORK/out"
  read -r secs user sys kb < "$WORK/time"
  printf '%-44s %6.0f ms wall %6.0f ms CPU %5d MB peak RSS (%s bytes out)\n' "$label" "$(echo "$secs*1000" | bc)" \
    "$(echo "($user+$sys)*1000" | bc)" $((kb / 1024)) "$(wc -c < "$WORK/out")"
}
uptime
bench build "$WORK/lb" "$N"
ls -l "$WORK/lb"
# The command users run: the app-image's launcher (with its class-data-sharing archive) when it has
# been built (./mvnw package, then installer/make-cds.sh on the image), else the built classes
# without the test classes (whose logback-test.xml would cost every run an XML configuration).
IMG=target/jpackage/image/lifeboat
if [ -x "$IMG/bin/lifeboat-cli" ]; then
  [ -f "$IMG/lib/app/lifeboat.jsa" ] || sh installer/make-cds.sh "$IMG"
  LIFEBOAT=("$IMG/bin/lifeboat-cli" --folder "$WORK/lb")
else
  echo "(no app-image: timing java -cp target/classes, without class-data sharing; slower to start)"
  LIFEBOAT=(java -cp "target/classes:$(cat target/test-classpath.txt)" dev.lifeboat.Main --folder "$WORK/lb")
fi
measure "java -version (a JVM's start, for reference)" java -version
measure "lifeboat --version" "${LIFEBOAT[@]}" --version
for i in 1 2 3; do measure "list --json" "${LIFEBOAT[@]}" list --json; done
for i in 1 2 3; do measure "list --last 50 --json" "${LIFEBOAT[@]}" list --last 50 --json; done
for i in 1 2 3; do measure "list --last 50" "${LIFEBOAT[@]}" list --last 50; done
measure "list (text, every entry)" "${LIFEBOAT[@]}" list
uptime
for i in 1 2 3; do bench backup "$WORK/lb" $((N + i)); done
for i in 1 2 3; do bench verify "$WORK/lb" "db1_20230101_010000_1"; done
for i in 1 2 3; do bench prune "$WORK/lb" "$("${LIFEBOAT[@]}" list | awk '/^db/ {print $1}' | sed -n "$((100 + i))p")"; done
# The same with a typical policy (most backups go, so the planner's rules do the work).
echo '{"default_policy":{"keep_last":24,"keep_daily":14,"keep_weekly":8,"keep_monthly":24,"keep_yearly":5,"keep_within":"2d"}}' \
  > "$WORK/lb/retention.json"
for i in 4 5 6; do bench prune "$WORK/lb" "$("${LIFEBOAT[@]}" list | awk '/^db/ {print $1}' | sed -n "$((100 + i))p")"; done
rm "$WORK/lb/retention.json"
for i in 1 2 3; do bench health "$WORK/lb"; done
for i in 1 2 3; do bench populate "$WORK/lb"; done
bench compact "$WORK/lb"
ls -l "$WORK/lb"
uptime
