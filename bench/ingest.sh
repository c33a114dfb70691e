#!/usr/bin/env bash
# Ingest benchmark: replays the three full traces (~40k events) through RecordUsage with concurrent clients and
# prints events/s end to end next to PostgreSQL COPY of the same ledger rows, measured in the same run.
# Options are passed to `tokenledger bench` (e.g. --threads 8 --batch 1000 --pg-url ... --redis-url ...).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
exec "$ROOT/tokenledger" bench "$@"
