#!/usr/bin/env bash
# Fault test, long version: e2e FaultToleranceIT on more trace rows (default: the full traces). It replays the rows
# while SIGKILLing and restarting pricing, attribution, budget and ingest in turn, deletes the tenant's Redis keys once
# (Redis db 3 only), and checks that the ledger equals the trace exactly, that every event was charged exactly once
# and that no webhook arrived twice. Prints the answers per status and the wall time.
# Usage: bench/faults.sh [rows-per-trace]   (0 = the full traces; the e2e default is 3000)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROWS="${1:-0}"
cd "$ROOT"
# The services are packaged in the same reactor, so e2e always starts the current code.
./mvnw -q -pl e2e -am verify \
  -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=FaultToleranceIT -Dfaults.rows="$ROWS" \
  | grep -E "^(fault|deleted)" || { echo "fault test FAILED: see e2e/target/failsafe-reports and e2e/target/fault-logs" >&2; exit 1; }
