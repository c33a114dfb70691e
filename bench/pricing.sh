#!/usr/bin/env bash
# Pricing benchmark: in-process pricing events/s on one thread next to a bare BigDecimal multiply-add over the same
# usages; PriceUsage over gRPC (localhost) in us/event for batches of 1,000 next to the same batch priced in
# process; the full LiteLLM catalog import next to a bare JSON parse. Needs the local PostgreSQL (db "test"),
# like the module's tests. Prints only the BENCH lines.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
./mvnw -q -pl pricing-service -am test -Dtest=PricingBench -Dtokenledger.bench=true -Dsurefire.failIfNoSpecifiedTests=false \
  -Djacoco.skip=true 2>&1 | grep -E "^BENCH|ERROR|FAIL" || true
