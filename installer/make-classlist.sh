#!/usr/bin/env bash
# Regenerates installer/lifeboat.classlist: the classes the CLI and the main window load at start,
# recorded from a real run of the app-image. Needs a display (Xvfb is fine) and a built app-image
# (./mvnw package). With CLASSLIST_PG_URL=postgresql://user@host/db it also records a backup of that
# database and its verification (what a scheduled run loads). Run it after changing dependencies or
# start-up code; a stale list only makes start-up slower.
set -euo pipefail
cd "$(dirname "$0")/.."
IMG=$PWD/target/jpackage/image/lifeboat
APPDIR=$IMG/lib/app
CP=$(sed -n 's/^app.classpath=//p' "$APPDIR/lifeboat.cfg" | sed "s#\$APPDIR#$APPDIR#g" | paste -sd: -)
TMP=$(mktemp -d)
LIFEBOAT_STARTUP_PROBE=1 LIFEBOAT_HOME="$TMP/home" "$IMG/lib/runtime/bin/java" -Xshare:off \
    -XX:DumpLoadedClassList="$TMP/gui.classlist" -cp "$CP" dev.lifeboat.Main > /dev/null
LIFEBOAT_HOME="$TMP/home" "$IMG/lib/runtime/bin/java" -Xshare:off -XX:DumpLoadedClassList="$TMP/cli.classlist" \
    -cp "$CP" dev.lifeboat.Main --folder "$TMP/folder" list > /dev/null
LISTS=("$TMP/gui.classlist" "$TMP/cli.classlist")
if [ -n "${CLASSLIST_PG_URL:-}" ]; then
  for cmd in "backup --db $CLASSLIST_PG_URL" "verify latest --depth archive" "verify latest --depth full"; do
    n=${#LISTS[@]}
    # shellcheck disable=SC2086 # the command is split into its words on purpose
    LIFEBOAT_HOME="$TMP/home" "$IMG/lib/runtime/bin/java" -Xshare:off -XX:DumpLoadedClassList="$TMP/$n.classlist" \
        -cp "$CP" dev.lifeboat.Main --folder "$TMP/folder" $cmd > /dev/null
    LISTS+=("$TMP/$n.classlist")
  done
fi
awk '!seen[$0]++' "${LISTS[@]}" > installer/lifeboat.classlist
rm -rf "$TMP"
wc -l installer/lifeboat.classlist
