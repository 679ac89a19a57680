#!/bin/sh
# Runs jpackage from the JDK whose runtime the Linux app-image ships (decision 012). Which one:
# PACKAGE_JDK (Maven's -Dpackage.jdk), else LIFEBOAT_PACKAGE_JDK, else "auto":
#   auto    the newest JDK 25 or later under /usr/lib/jvm with a jpackage, else the JDK running Maven
#   maven   the JDK running Maven (MAVEN_JDK): on Java 17, class-data sharing (make-cds.sh, at install)
#   DIR     that JDK
# A Java 25+ runtime is linked with installer/java25.args (ahead-of-time caches, made by make-aot.sh),
# any other with installer/java17.args. The jars are compiled for release 17 either way.
# Usage: jpackage.sh image|package JPACKAGE_ARGS...   (image: also passes the runtime's arguments file)
#        jpackage.sh which                             (prints the chosen JDK)
set -eu
MODE=$1
shift

major() { # the feature version of the JDK in $1, from its release file (0 when unknown)
    v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null || true)
    echo "${v:-0}"
}

CHOICE=${PACKAGE_JDK:-${LIFEBOAT_PACKAGE_JDK:-auto}}
JDK=
case "$CHOICE" in
    maven) ;;
    auto)
        best=0
        for dir in /usr/lib/jvm/*/; do
            dir=${dir%/}
            [ -x "$dir/bin/jpackage" ] || continue
            m=$(major "$dir")
            if [ "$m" -ge 25 ] && [ "$m" -gt "$best" ]; then
                best=$m
                JDK=$dir
            fi
        done ;;
    *) JDK=$CHOICE ;;
esac
JDK=${JDK:-${MAVEN_JDK:?MAVEN_JDK names the JDK running Maven}}
if [ ! -x "$JDK/bin/jpackage" ]; then
    echo "jpackage.sh: no jpackage in $JDK (LIFEBOAT_PACKAGE_JDK or -Dpackage.jdk names a JDK 17 or later)" >&2
    exit 1
fi
if [ "$(major "$JDK")" -ge 25 ]; then RUNTIME_ARGS=installer/java25.args; else RUNTIME_ARGS=installer/java17.args; fi
case "$MODE" in
    which) echo "$JDK" ;;
    image) echo "jpackage from $JDK ($RUNTIME_ARGS)"; exec "$JDK/bin/jpackage" "@$RUNTIME_ARGS" "$@" ;;
    package) exec "$JDK/bin/jpackage" "$@" ;;
    *) echo "jpackage.sh: image, package or which, not $MODE" >&2; exit 2 ;;
esac
