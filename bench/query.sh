#!/usr/bin/env bash
# Query benchmark (issue 6): QueryCost "cost by feature by day for 30 days" from the hourly rollup vs the same query
# by a plain ledger scan, in the same run, on ROWS (default 10,000,000) generated ledger rows.
#
# Data: a scratch database (created here, dropped at exit) gets the attribution migrations; the ledger is filled by
# one INSERT ... SELECT FROM generate_series whose rows draw their token counts from the real traces in data/traces
# (loaded with COPY; traffic share per feature = the traces' row counts, tokens = a trace row, Mooncake's shared
# prefixes as cached input), spread over 30 days, 40 customers (skewed), ~2,000 users, 1 in 50 events UNPRICED.
# Prices are the demo models' list prices. The rollups are then built by V2's backfill, the same sums RecordCosts
# maintains (RollupMatchesScanTest checks that both paths answer identically); the other migrations follow.
# Queries: the EXACT statements QueryCost runs (printed by BenchQueryScripts from the service's SQL builders), rows
# then total as one pgbench transaction, bound as parameters (-M prepared). p95 over RUNS (rollup) / SCAN_RUNS (scan).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROWS="${ROWS:-10000000}"
RUNS="${RUNS:-200}"
SCAN_RUNS="${SCAN_RUNS:-10}"
PGHOST="${PGHOST:-127.0.0.1}"; PGUSER="${PGUSER:-postgres}"; export PGHOST PGUSER
DB="${KEEP:+tokenledger_bench_query_keep}"; DB="${DB:-tokenledger_bench_query_$$}"
WORK="$(mktemp -d)"
cleanup() { [ -n "${KEEP:-}" ] && return; dropdb --if-exists "$DB" >/dev/null 2>&1 || true; rm -rf "$WORK"; }
trap cleanup EXIT
psql_db() { psql -X -q -v ON_ERROR_STOP=1 -d "$DB" "$@"; }
now() { date +%s.%N; }

# The statements QueryCost runs, from the service's own builders.
(cd "$ROOT" && ./mvnw -q -pl attribution-service -am test-compile)
PLATFORM="$ROOT/platform/target/classes"
java -cp "$ROOT/attribution-service/target/classes:$ROOT/attribution-service/target/test-classes:$PLATFORM" \
  io.tokenledger.attribution.persistence.BenchQueryScripts bench 2026-01-01T00:00:00Z 2026-01-31T00:00:00Z "$WORK"

# Trace rows as (feature, n, input, cached, output).
python3 - "$ROOT/data/traces" > "$WORK/trace.csv" <<'PY'
import csv, json, sys
d = sys.argv[1]
for feature, name in ((1, "AzureLLMInferenceTrace_code.csv"), (2, "AzureLLMInferenceTrace_conv.csv")):
    with open(f"{d}/{name}") as f:
        for n, row in enumerate(csv.DictReader(f)):
            print(f"{feature},{n},{row['ContextTokens']},0,{row['GeneratedTokens']}")
seen = set()
with open(f"{d}/mooncake_conversation_trace.jsonl") as f:
    for n, line in enumerate(f):
        row = json.loads(line); cached = 0
        for h in row["hash_ids"]:
            if h not in seen: break
            cached += 512
        seen.update(row["hash_ids"])
        cached = min(cached, row["input_length"])
        print(f"3,{n},{row['input_length'] - cached},{cached},{row['output_length']}")
PY

createdb "$DB"
started=$(now)
psql_db -c "CREATE SCHEMA attribution" -f "$ROOT/attribution-service/src/main/resources/db/migration/V1__cost_ledger.sql"
psql_db <<SQL
CREATE TABLE trace (feature int, n int, input bigint, cached bigint, output bigint, PRIMARY KEY (feature, n));
\copy trace FROM '$WORK/trace.csv' WITH (FORMAT csv)
-- Per feature: the demo's team and model, list prices in nano-USD per token (input, cached input, output).
CREATE TABLE feature (feature int PRIMARY KEY, name text, team text, provider text, model text, rows int,
                      first bigint, input numeric, cached numeric, output numeric);
INSERT INTO feature VALUES
  (1, 'code-assist', 'devtools', 'mistral', 'codestral-latest', 0, 0, 1.0, 0, 3.0),
  (2, 'support-chat', 'customer-success', 'openai', 'gpt-5-mini', 0, 0, 0.25, 0.025, 2.0),
  (3, 'research-assistant', 'knowledge', 'anthropic', 'claude-sonnet-4-5', 0, 0, 3.0, 0.3, 15.0);
UPDATE feature f SET rows = c.rows FROM (SELECT feature, count(*) AS rows FROM trace GROUP BY 1) c WHERE c.feature = f.feature;
UPDATE feature f SET first = c.first FROM (SELECT feature, sum(rows) OVER (ORDER BY feature) - rows AS first FROM feature) c
  WHERE c.feature = f.feature;
-- Loading without the indexes and WAL is much faster; they are built afterwards as the migration defines them.
ALTER TABLE attribution.cost_ledger SET UNLOGGED;
ALTER TABLE attribution.cost_ledger DROP CONSTRAINT cost_ledger_pkey;
DROP INDEX attribution.cost_ledger_tenant_time_idx;
SQL
TOTAL_TRACE=$(psql_db -Atc "SELECT sum(rows) FROM feature")
psql_db <<SQL
SET max_parallel_workers_per_gather = 0;
INSERT INTO attribution.cost_ledger (tenant_id, event_id, occurred_at, provider, model, team, feature, customer, user_id,
    environment, pricing_status, unpriced_reason, price_id, cost_nanos, input_tokens, cached_input_tokens, output_tokens,
    requests, input_nanos, cached_input_nanos, output_nanos)
SELECT 'bench', 'ev-' || g, ts, f.provider, f.model, f.team, f.name, c.customer, c.customer || '-u' || (g % 50), 'prod',
       CASE WHEN unpriced THEN 'UNPRICED' ELSE 'PRICED' END, CASE WHEN unpriced THEN 'no price' ELSE '' END,
       CASE WHEN unpriced THEN '' ELSE 'p-' || f.model END,
       CASE WHEN unpriced THEN 0 ELSE round(t.input * f.input) + round(t.cached * f.cached) + round(t.output * f.output) END,
       t.input, t.cached, t.output, 1,
       CASE WHEN unpriced THEN 0 ELSE round(t.input * f.input) END,
       CASE WHEN unpriced THEN 0 ELSE round(t.cached * f.cached) END,
       CASE WHEN unpriced THEN 0 ELSE round(t.output * f.output) END
FROM (SELECT g, (g * 7919) % $TOTAL_TRACE AS pick, g % 50 = 7 AS unpriced,
             timestamptz '2026-01-01 00:00:00+00' + ((g * 2654435761) % 2592000000) * interval '1 millisecond' AS ts,
             'cust-' || lpad((1 + floor(40 * power(((g * 40503) % 65536) / 65536.0, 3)))::int::text, 3, '0') AS customer
      FROM generate_series(1::bigint, $ROWS) g) x(g, pick, unpriced, ts, customer)
CROSS JOIN LATERAL (SELECT x.customer) c
JOIN feature f ON x.pick >= f.first AND x.pick < f.first + f.rows
JOIN trace t ON t.feature = f.feature AND t.n = (x.g * 104729) % f.rows;
ALTER TABLE attribution.cost_ledger ADD PRIMARY KEY (tenant_id, event_id);
CREATE INDEX cost_ledger_tenant_time_idx ON attribution.cost_ledger (tenant_id, occurred_at);
SQL
loaded=$(now)
# The later migrations, in version order, on the loaded ledger: V2 builds the rollups from it, the others add their
# columns, keys and indexes, so the queries run against the schema the service has.
for migration in $(ls "$ROOT/attribution-service/src/main/resources/db/migration/"V*__*.sql | sort -V | tail -n +2); do
  psql_db -f "$migration"
done
psql_db -c "VACUUM ANALYZE attribution.cost_ledger" -c "VACUUM ANALYZE attribution.cost_hourly" \
        -c "VACUUM ANALYZE attribution.cost_hourly_feature"
ready=$(now)
read -r LEDGER FULL FEATURE <<<"$(psql_db -Atc "SELECT (SELECT count(*) FROM attribution.cost_ledger),
  (SELECT count(*) FROM attribution.cost_hourly), (SELECT count(*) FROM attribution.cost_hourly_feature)" | tr '|' ' ')"
printf 'ledger rows %s (generated in %.0f s); rollup rows: cost_hourly %s, cost_hourly_feature %s (built in %.0f s)\n' \
  "$LEDGER" "$(echo "$loaded - $started" | bc)" "$FULL" "$FEATURE" "$(echo "$ready - $loaded" | bc)"

# Both paths must give the same answer before they are timed.
# shellcheck disable=SC2046
run_psql() { sed 's/:\([rs][rt][0-9][0-9]*\)/:'"'"'\1'"'"'/g' "$1" | psql_db -At $(sed 's/-D /-v /g' "$WORK/defines"); }
run_psql "$WORK/rollup.sql" > "$WORK/rollup.out"
run_psql "$WORK/scan.sql" > "$WORK/scan.out"
if [ ! -s "$WORK/rollup.out" ] || ! cmp -s "$WORK/rollup.out" "$WORK/scan.out"; then
  echo "rollup and scan answers differ (or are empty)" >&2; exit 1
fi
echo "rollup and scan give identical answers: $(($(wc -l < "$WORK/rollup.out") - 1)) feature-day rows + total"
head -c 300 "$WORK/rollup.out"; echo

p95() { # pgbench per-transaction log: 3rd column is the latency in microseconds
  cat "$1".* | awk '{print $3}' | sort -n | awk '{a[NR]=$1} END {i=int(NR*0.95+0.999); if (i<1) i=1; printf "%.1f", a[i]/1000}'
}
cd "$WORK"
# shellcheck disable=SC2046
pgbench -n -M prepared -t 5 -f rollup.sql $(cat defines) "$DB" >/dev/null   # warm-up, not measured
# shellcheck disable=SC2046
pgbench -n -M prepared -t "$RUNS" -f rollup.sql -l --log-prefix=log_rollup $(cat defines) "$DB" >/dev/null
# shellcheck disable=SC2046
pgbench -n -M prepared -t 1 -f scan.sql $(cat defines) "$DB" >/dev/null     # warm-up (caches the table), not measured
# shellcheck disable=SC2046
pgbench -n -M prepared -t "$SCAN_RUNS" -f scan.sql -l --log-prefix=log_scan $(cat defines) "$DB" >/dev/null
ROLLUP_P95=$(p95 log_rollup); SCAN_P95=$(p95 log_scan)
echo "cost by feature by day, 30 days, $LEDGER ledger rows (rows + total statements, as QueryCost runs them):"
echo "  rollup p95 ${ROLLUP_P95} ms over $RUNS runs"
echo "  ledger scan p95 ${SCAN_P95} ms over $SCAN_RUNS runs (baseline, same run)"
echo "  scan / rollup = $(echo "scale=1; $SCAN_P95 / $ROLLUP_P95" | bc)x; target rollup p95 < 100 ms"
