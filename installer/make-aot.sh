#!/bin/sh
# Makes a Java 25+ app-image's ahead-of-time caches (JEP 483/514/515: classes loaded and linked, and
# method profiles), one per front end, from a training run of each through its own launcher (so with
# its JIT flags; a cache made under other flags or module options is refused): lib/app/lifeboat.aot
# for the command line, from a backup, a full verify and a restore into a new database in one process
# (dev.lifeboat.AotTraining; of LIFEBOAT_TRAIN_PG_URL=postgresql://user@host/db when given, else of a
# throwaway embedded PostgreSQL; failing that, of a server that is not there, which loads less of a
# backup's start: 0.1 s more CPU per backup than a real one's cache), and
# lib/app/lifeboat-window.aot from opening the window over a folder of 250 backups
# (LIFEBOAT_STARTUP_PROBE=1 exits after the first frame), on DISPLAY or on an Xvfb started here; with
# neither, a static cache of installer/lifeboat.classlist (slower than a trained one; decision 012).
# Unlike Java 17's archive (make-cds.sh) a cache still applies after the app folder has moved, so the
# build makes them and the packages ship them. A Java 17 runtime: nothing to do.
# Usage: make-aot.sh APP_DIR      (the folder holding bin/ and lib/)
set -eu
APP=$(cd "$1" && pwd)
APPDIR="$APP/lib/app"
MAJOR=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$APP/lib/runtime/release")
[ "${MAJOR:-0}" -ge 25 ] || exit 0
TMP=$(mktemp -d)
XVFB=
cleanup() {
    [ -z "$XVFB" ] || kill "$XVFB" 2>/dev/null || true
    rm -rf "$TMP" "$APP/bin/.train-lifeboat" "$APP/bin/.train-lifeboat-cli"
}
trap cleanup EXIT
rm -f "$APPDIR/lifeboat.aot" "$APPDIR/lifeboat-window.aot"

# A copy of a launcher, beside it, that writes the cache it would read.
trainer() {
    sed 's#-XX:SharedArchiveFile=#-XX:AOTCacheOutput=#' "$APP/bin/$1" > "$APP/bin/.train-$1"
    chmod 755 "$APP/bin/.train-$1"
    echo "$APP/bin/.train-$1"
}

# Classes older than Java 6's format (picocli's) are left out of a cache: rewrite the image's copies into
# Java 8's with the packaging JDK's class file API (UpgradeOldClasses.java; jpackage.sh names that JDK).
JDK=$(sh "$(dirname "$0")/jpackage.sh" which)
"$JDK/bin/java" "$(dirname "$0")/UpgradeOldClasses.java" "$APPDIR"/lib/*.jar \
    || echo "make-aot.sh: old classes not rewritten: picocli stays out of the command line's cache" >&2

# The command line's training database: LIFEBOAT_TRAIN_PG_URL, else the embedded PostgreSQL the app ships,
# started by TrainingServer.java with the JDK running Maven (MAVEN_JDK), stopped by closing its input.
URL=${LIFEBOAT_TRAIN_PG_URL:-}
SERVER=
if [ -z "$URL" ] && [ -x "${MAVEN_JDK:-}/bin/java" ]; then
    CP=$(sed -n 's/^app.classpath=//p' "$APPDIR/lifeboat.cfg" | sed "s#\$APPDIR#$APPDIR#g" | paste -sd: -)
    mkfifo "$TMP/server-in"
    "$MAVEN_JDK/bin/java" -cp "$CP" "$(dirname "$0")/TrainingServer.java" < "$TMP/server-in" > "$TMP/url" 2> "$TMP/server.log" &
    SERVER=$!
    exec 4> "$TMP/server-in"
    i=0
    while [ ! -s "$TMP/url" ] && [ $i -lt 1200 ] && kill -0 "$SERVER" 2>/dev/null; do sleep 0.1; i=$((i + 1)); done
    URL=$(head -1 "$TMP/url")
fi
CLI=$(trainer lifeboat-cli)
# One process records the cache: dev.lifeboat.AotTraining in Main's place runs a backup, a full verify and a
# restore into a new database one after the other, each as Main runs a command.
sed -i 's# dev\.lifeboat\.Main "\$@"# dev.lifeboat.AotTraining "$@"#' "$CLI"
grep -q 'dev.lifeboat.AotTraining' "$CLI" || { echo "make-aot.sh: the launcher's main class was not found in $CLI" >&2; exit 1; }
URL=${URL:-postgresql://lifeboat@127.0.0.1:9/training}
LIFEBOAT_HOME="$TMP/home" "$CLI" --folder "$TMP/cli-folder" backup --db "$URL" \
    --then --folder "$TMP/cli-folder" verify latest --depth full \
    --then --folder "$TMP/cli-folder" restore latest --to "$URL" --mode new --new-name training_restored --yes \
    > "$TMP/cli.log" 2>&1 \
    || echo "make-aot.sh: the training commands failed (the command line's cache covers less):" "$(tail -1 "$TMP/cli.log")" >&2
if [ -n "$SERVER" ]; then
    exec 4>&-
    wait "$SERVER" || true
fi
[ -f "$APPDIR/lifeboat.aot" ] || { echo "make-aot.sh: no cache for the command line:" >&2; tail -5 "$TMP/cli.log" >&2; exit 1; }

mkdir -p "$TMP/gui-folder"
{
    echo '{"backups": ['
    i=0
    while [ $i -lt 250 ]; do
        [ $i -gt 0 ] && printf ','
        printf '{"timestamp": "20240101_%02d%02d00", "datetime": "2024-01-01T%02d:%02d:00", "database": "ledger",' \
            $((i / 60)) $((i % 60)) $((i / 60)) $((i % 60))
        printf ' "description": "nightly", "file": "ledger_%d.dump", "size_mb": 1.5, "backup_type": "manual"}\n' $i
        i=$((i + 1))
    done
    echo ']}'
} > "$TMP/gui-folder/backup_manifest.json"
if [ -z "${DISPLAY:-}" ] && command -v Xvfb > /dev/null 2>&1; then
    Xvfb -displayfd 3 -screen 0 1600x1000x24 -nolisten tcp 3> "$TMP/display" > /dev/null 2>&1 & # a free display
    XVFB=$!
    i=0
    while [ ! -s "$TMP/display" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
    if [ -s "$TMP/display" ]; then
        DISPLAY=":$(cat "$TMP/display")"
        export DISPLAY
    fi
fi
if [ -n "${DISPLAY:-}" ]; then
    WIN=$(trainer lifeboat)
    LIFEBOAT_STARTUP_PROBE=1 LIFEBOAT_HOME="$TMP/home" LIFEBOAT_FOLDER="$TMP/gui-folder" \
        timeout 300 "$WIN" > "$TMP/window.log" 2>&1 || true
fi
if [ ! -f "$APPDIR/lifeboat-window.aot" ]; then
    echo "make-aot.sh: no display to train the window on; its cache is the class list's (it starts a little slower)" >&2
    CP=$(sed -n 's/^app.classpath=//p' "$APPDIR/lifeboat.cfg" | sed "s#\$APPDIR#$APPDIR#g" | paste -sd: -)
    # the same module options as the launchers (a cache made without them is refused)
    OPTIONS=$(sed -n 's/^java-options=\(--[a-z-]*=.*\)/\1/p' "$APPDIR/lifeboat.cfg")
    # shellcheck disable=SC2086 # one option a line, none with spaces
    "$APP/lib/runtime/bin/java" $OPTIONS -Xshare:dump -XX:+AOTClassLinking -Xlog:cds=off -Xlog:aot=off \
        -XX:SharedClassListFile="$APPDIR/lifeboat.classlist" -XX:SharedArchiveFile="$APPDIR/lifeboat-window.aot" \
        -cp "$CP" > /dev/null 2>&1 || echo "make-aot.sh: no cache for the window either; it starts slower" >&2
fi
