#!/usr/bin/env bash
# Budget benchmark: runs budget-service in-process (a @QuarkusTest, real loopback gRPC, real Redis db 1 and the
# local PostgreSQL "test" db, or TOKENLEDGER_TEST_REDIS_URL / TOKENLEDGER_TEST_DB_URL when set) and prints admission under 1,000 concurrent CheckBudget calls (reserving vs a naive
# check-then-charge on the same Redis) and CheckBudget p50/p99 at a fixed rate next to a bare gRPC no-op and a
# bare Redis EVALSHA measured in the same run, with the ratios (the no-op is grpc.health.v1 Check on the same
# server and port as CheckBudget), plus CheckBudget on a 24 h rolling budget.
# Options (env): BENCH_RATE (calls/s, default 2000), BENCH_SECONDS (per measurement, default 5), BENCH_JVM_OPTS (the
# test JVM's options; default the serial collector, as the services run: ServiceLauncher.jvmOptions).
set -euo pipefail
cd "$(dirname "$0")/.."
rm -f budget-service/target/bench-budget.txt
./mvnw -q -pl budget-service -am test -Dtest=BudgetBench -Dbench=true -Dsurefire.failIfNoSpecifiedTests=false \
  -DargLine="${BENCH_JVM_OPTS:--XX:+UseSerialGC -Xmx256m}" \
  -Dbench.rate="${BENCH_RATE:-2000}" -Dbench.seconds="${BENCH_SECONDS:-5}" >/tmp/budget-bench.log 2>&1 || {
  echo "benchmark failed; log: /tmp/budget-bench.log" >&2; tail -40 /tmp/budget-bench.log >&2; exit 1; }
echo
echo "=== bench/budget.sh results ==="
cat budget-service/target/bench-budget.txt
