#!/usr/bin/env bash
# UI responsiveness benchmark, headless (Monocle): a 10,000-entry manifest opened, sorted and
# filtered, the longest FX-thread pause during a 200,000-line log burst and, with BENCH_PG_URL (and
# the lifeboat_bench database from backup_bench.sh), during a real backup started from the app.
#
#   [BENCH_PG_URL=postgresql://postgres@localhost:5432/postgres] benchmarks/ui_bench.sh [ENTRIES]
#
# With --window: the installed app's time to a visible window, from the packaged app-image's own
# launcher (target/jpackage/image/lifeboat/bin/lifeboat, or IMG=..., with its class-data-sharing archive
# on Java 17, its ahead-of-time cache on Java 25) under
# Xvfb (software rendering; started here on :96 when DISPLAY is unset), RUNS times each over an empty
# folder and over a folder of ENTRIES backups (whose newest rows must come with the window), alternating.
# Each run prints the wall time from the launcher's start until the app printed that its window was
# shown and then drawn (LIFEBOAT_STARTUP_PROBE=1), and the JVM's own part of it.
#
#   ./mvnw -o -q package -DskipTests && benchmarks/ui_bench.sh --window [ENTRIES] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = "--window" ]; then
  exec benchmarks/window_bench.sh "${2:-35000}" "${3:-5}"
fi
./mvnw -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
java -Xmx1g -Dtestfx.headless=true -Dprism.order=sw -Dglass.platform=Monocle -Dmonocle.platform=Headless \
  -Dheadless.geometry=1920x1200-32 \
  -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" dev.lifeboat.bench.UiBenchmark "${1:-10000}"
# Where the FX thread's time goes at 35,000 entries: the window's pulses (first rows laid out after
# it), a sort by each column (as a click on its header) and each keystroke of a filter, from the
# action until the changed rows are laid out (they may come from the background), wall / FX-thread CPU ms.
java -Xmx1g -Dtestfx.headless=true -Dprism.order=sw -Dglass.platform=Monocle -Dmonocle.platform=Headless \
  -Dheadless.geometry=1920x1200-32 -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
  dev.lifeboat.bench.TableProbe 35000 | grep -E '^(window|sort|filter)'
# The backups table at 35,000 rows: the longest FX-thread pause of a sort by each column and of each
# keystroke of a filter, held to 100 ms here (the suite runs the same test without the bound).
./mvnw -q -B -o test -Dtest=ManifestViewScaleTest -Dlifeboat.timeBounds=true -Dsurefire.failIfNoSpecifiedTests=false \
  | grep -E '^(sort|filter) '
