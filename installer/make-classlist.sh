#!/usr/bin/env bash
# Regenerates installer/lifeboat.classlist: the classes the CLI and the main window load at start,
# recorded from a real run of the app-image. Needs a display (Xvfb is fine) and a built app-image
# (./mvnw package). With CLASSLIST_PG_URL=postgresql://user@host/db it also records a backup of that
# database, its verification (what a scheduled run loads) and its restore into a new database
# (lifeboat_classlist_restore, dropped afterwards). Run it after changing dependencies or start-up
# code, and after merging branches that add classes; a stale list only makes start-up slower (in
# 2026-12 a backup loaded 57 of its classes and 107 generated lambda classes outside the archive).
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
  for cmd in "backup --db $CLASSLIST_PG_URL" "verify latest --depth archive" "verify latest --depth full" \
      "restore latest --to $CLASSLIST_PG_URL --mode new --new-name lifeboat_classlist_restore --yes"; do
    n=${#LISTS[@]}
    # shellcheck disable=SC2086 # the command is split into its words on purpose
    LIFEBOAT_HOME="$TMP/home" "$IMG/lib/runtime/bin/java" -Xshare:off -XX:DumpLoadedClassList="$TMP/$n.classlist" \
        -cp "$CP" dev.lifeboat.Main --folder "$TMP/folder" $cmd > /dev/null
    LISTS+=("$TMP/$n.classlist")
  done
  psql "$CLASSLIST_PG_URL" -qc "drop database if exists lifeboat_classlist_restore" > /dev/null
fi
awk '!seen[$0]++' "${LISTS[@]}" > installer/lifeboat.classlist
rm -rf "$TMP"
wc -l installer/lifeboat.classlist
