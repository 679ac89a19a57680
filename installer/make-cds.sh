#!/bin/sh
# Makes lib/app/lifeboat.jsa, a class-data-sharing archive of the classes Lifeboat loads to start
# (the CLI and the main window; listed in lifeboat.classlist), so that it starts about a second
# faster. The archive records the app's absolute class path, so it is made where the app lives:
# by the package's postinst at /opt/lifeboat, and by the build for the app-image it tests.
# Usage: make-cds.sh APP_DIR      (the folder holding bin/ and lib/)
# A Java 25+ runtime has its ahead-of-time caches from the build instead (make-aot.sh): nothing to do.
set -eu
APP=$(cd "$1" && pwd) # absolute: the archive records the class path as given, and is refused elsewhere
MAJOR=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$APP/lib/runtime/release")
[ "${MAJOR:-0}" -lt 25 ] || exit 0
APPDIR="$APP/lib/app"
JAVA="$APP/lib/runtime/bin/java"
CP=$(sed -n 's/^app.classpath=//p' "$APPDIR/lifeboat.cfg" | sed "s#\$APPDIR#$APPDIR#g" | paste -sd: -)
rm -f "$APPDIR/lifeboat.jsa"
"$JAVA" -Xshare:dump -Xlog:cds=off -Xlog:cds+dynamic=off -XX:SharedClassListFile="$APPDIR/lifeboat.classlist" \
    -XX:SharedArchiveFile="$APPDIR/lifeboat.jsa" -cp "$CP" > /dev/null
