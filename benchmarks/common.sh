# Shared by the benchmark scripts (sourced, from the repository root): the launcher to measure and
# the timing helpers. Needs WORK (a scratch folder) to be set.

# The packaged launcher (jlink'd runtime with class-data sharing) is what a DBA runs; the jar otherwise.
[ -f target/lifeboat.jar ] || ./mvnw -q -B package -DskipTests
if [ -x target/jpackage/image/lifeboat/bin/lifeboat ]; then
  # A plain `package` leaves the app-image without its start-up archive (the build makes it before
  # the integration tests); make it so the numbers are those of an installed copy.
  [ -f target/jpackage/image/lifeboat/lib/app/lifeboat.jsa ] || sh installer/make-cds.sh target/jpackage/image/lifeboat
  # bin/lifeboat-cli is what `lifeboat` on PATH runs once the package is installed.
  LAUNCHER=target/jpackage/image/lifeboat/bin/lifeboat-cli
  [ -x "$LAUNCHER" ] || LAUNCHER=target/jpackage/image/lifeboat/bin/lifeboat
  LIFEBOAT=("$LAUNCHER" --folder "$WORK/lb")
else
  LIFEBOAT=(java -jar target/lifeboat.jar --folder "$WORK/lb")
fi
echo "lifeboat: ${LIFEBOAT[0]}"

now() { date +%s.%N; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
