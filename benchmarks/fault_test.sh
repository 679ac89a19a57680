#!/usr/bin/env bash
# The fault test: for each command-line operation (backup, full verify, replace restore, import,
# prune), N runs killed with kill -9 at a random moment, each followed by 'recover' and a check that
# nothing is left, the manifest is whole, every backup verifies, and the restore target holds all
# old or all new rows and accepts connections. Runs against the tests' embedded PostgreSQL.
#   benchmarks/fault_test.sh [N] [SEED]
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-5}"
SEED_ARG=()
if [[ $# -ge 2 ]]; then SEED_ARG=("-Dlifeboat.faults.seed=$2"); fi
./mvnw -B -ntp -q test -Dtest=FaultTest -Dsurefire.failIfNoSpecifiedTests=false "-Dlifeboat.faults=$N" "${SEED_ARG[@]}"
cat target/fault-test.txt
