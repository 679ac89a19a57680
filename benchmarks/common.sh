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
# Runs a command (its output discarded) and prints "WALL CPU" in seconds, CPU being user + system
# time of the command and the processes it waited for (the JVM and pg_dump, not the server's).
# On a machine others load, wall times drift with the load; CPU seconds stay comparable.
measure() {
  local TIMEFORMAT='%R %U %S' t
  t=$( { time "$@" >/dev/null 2>>"$WORK/stderr.log"; } 2>&1 ) || { tail -20 "$WORK/stderr.log" >&2; return 1; }
  echo "$t" | awk '{printf "%.3f %.3f\n", $1, $2 + $3}'
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

# The fixture databases, made once per server. SHAPE is a pgbench scale (24 ~ 360 MB, 200 ~ 3 GB:
# few large tables) or "tables2000": 2,000 small tables of 50 rows with a primary key each (the
# shape of per-tenant tables or partitions, where per-object costs decide) or "bigtablesROWS": four
# tables of ROWS rows of similar size (for backup --jobs). Sets DB and DB_URL.
fixture() {
  local url=$1 shape=$2 base=${1%/*}
  case "$shape" in
    tables2000) DB=lifeboat_bench_tables2000 ;;
    bigtables*) DB="lifeboat_bench_$shape" ;;
    24) DB=lifeboat_bench ;;
    *) DB="lifeboat_bench$shape" ;;
  esac
  DB_URL="$base/$DB"
  if ! psql "$url" -Atc "select 1 from pg_database where datname='$DB'" | grep -q 1; then
    psql "$url" -qc "create database $DB"
    if [ "${shape#bigtables}" != "$shape" ]; then
      # bigtablesROWS: four tables of ROWS rows each, of similar size (what pg_dump -j shares out)
      psql "$DB_URL" -qc "DO \$\$ BEGIN FOR i IN 1..4 LOOP
          EXECUTE format('CREATE TABLE big%s (id bigint PRIMARY KEY, account int, note text, amount numeric(12,2))', i);
          EXECUTE format('INSERT INTO big%s SELECT g, g %% 1000, md5(g::text) || md5((g * %s)::text), (g %% 99991) / 7.0
                          FROM generate_series(1, %s) g', i, i, ${shape#bigtables});
        END LOOP; END \$\$"
    elif [ "$shape" = tables2000 ]; then
      psql "$DB_URL" -qc "DO \$\$ BEGIN FOR i IN 1..2000 LOOP
          EXECUTE format('CREATE TABLE t%s (id int PRIMARY KEY, name text, created timestamptz DEFAULT now())', i);
          EXECUTE format('INSERT INTO t%s SELECT g, md5(g::text) FROM generate_series(1, 50) g', i);
        END LOOP; END \$\$"
    else
      pgbench -i -q -s "$shape" "$DB_URL"
    fi
  fi
}

# The machine's load beside every number: the lead compares runs made at different loads.
load() { cut -d' ' -f1-3 /proc/loadavg; }

# The server's CPU seconds so far, when it runs on this machine and its socket's lock file is readable:
# the user + system time of the postmaster's exited children (each backend once its session ends), so a
# difference around a step is what the server spent on it. Empty for a server elsewhere. The same
# restore's server time moves by up to a fifth from round to round on a shared VM; this tells a slower
# Lifeboat from a slower server.
server_cpu() {
  local port=$1 lock pm
  for lock in "/tmp/.s.PGSQL.$port.lock" "/var/run/postgresql/.s.PGSQL.$port.lock"; do
    [ -r "$lock" ] || continue
    pm=$(head -1 "$lock")
    [ -r "/proc/$pm/stat" ] || continue
    awk -v tck="$(getconf CLK_TCK)" '{ s = $0; sub(/.*\) /, "", s); split(s, a, " "); printf "%.2f\n", (a[14] + a[15]) / tck }' "/proc/$pm/stat"
    return
  done
}
