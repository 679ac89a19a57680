#!/usr/bin/env bash
# Regenerates installer/lifeboat.classlist: the classes the CLI and the main window load at start,
# recorded from a real run of the app-image. Needs a display (Xvfb is fine) and a built app-image
# (./mvnw package -Dpackage.jdk=maven: the list feeds Java 17's archive, and a Java 25 runtime's window
# cache only when its build had no display; decision 012). With CLASSLIST_PG_URL=postgresql://user@host/db it also records a backup of that
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
# The window opens a folder of backups, as most starts do, so that the table's rows and cells (their
# skins) are recorded too: over an empty folder 262 classes of a 35,000-backup start came from the jars.
# A hand-made manifest of more than a first page (200), whose newest rows come with the window.
mkdir -p "$TMP/gui-folder"
{
  echo '{"backups": ['
  for i in $(seq 0 249); do
    printf '%s{"timestamp": "20240101_%02d%02d00", "datetime": "2024-01-01T%02d:%02d:00", "database": "ledger",' \
      "$([ "$i" -gt 0 ] && echo ,)" $((i / 60)) $((i % 60)) $((i / 60)) $((i % 60))
    printf ' "description": "nightly", "file": "ledger_%d.dump", "size_mb": 1.5, "backup_type": "manual"}\n' "$i"
  done
  echo ']}'
} > "$TMP/gui-folder/backup_manifest.json"
LIFEBOAT_STARTUP_PROBE=1 LIFEBOAT_HOME="$TMP/home" LIFEBOAT_FOLDER="$TMP/gui-folder" "$IMG/lib/runtime/bin/java" -Xshare:off \
    -XX:DumpLoadedClassList="$TMP/gui.classlist" -cp "$CP" dev.lifeboat.Main
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
