package io.tokenledger.attribution.persistence;

import io.tokenledger.attribution.domain.AttributedCost;
import io.tokenledger.attribution.domain.CostEntry;
import io.tokenledger.attribution.domain.CostPart;
import io.tokenledger.attribution.domain.Dimensions;
import io.tokenledger.attribution.domain.RawLabels;
import io.tokenledger.attribution.domain.TokenClass;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The one statement that writes a whole batch: each column travels as one array parameter and
 * {@code unnest} turns them back into rows, so 10,000 rows are one round trip with a fixed, prepared text. The
 * unnests stand in the select list, where PostgreSQL steps them in lockstep; {@code FROM unnest(a, b, ...)} would
 * first copy each of the 51 arrays into a tuplestore (measured: the statement took 15 % longer).
 * Rows already in the ledger are skipped by the idempotency key and not returned. The same statement adds the
 * rows it wrote (and only those) to the hourly rollup, so ledger and rollup commit together or not at all.
 */
final class LedgerInsert {

    private static final String[] TEXT_COLUMNS = {"tenant_id", "event_id", "occurred_at", "provider", "model", "team",
        "feature", "customer", "user_id", "environment", "tags", "labels", "trace_id", "pricing_status",
        "unpriced_reason",
        "price_id", "prompt_prefix_hash", "service_tier"};
    private static final int LONG_COLUMNS = 1 + TokenClass.values().length + CostPart.values().length + 1 + 1 + 1;

    static final String SQL = buildSql();

    private LedgerInsert() {
    }

    private static String buildSql() {
        List<String> longColumns = new ArrayList<>();
        longColumns.add("cost_nanos");
        for (TokenClass tokenClass : TokenClass.values()) {
            longColumns.add(tokenClass.field());
        }
        for (CostPart part : CostPart.values()) {
            longColumns.add(part.field());
        }
        longColumns.add("prompt_prefix_tokens");
        longColumns.add("reported_cost_nanos");
        longColumns.add("list_cost_nanos");
        StringBuilder columns = new StringBuilder();
        StringBuilder selected = new StringBuilder();
        StringBuilder arrays = new StringBuilder();
        for (String column : TEXT_COLUMNS) {
            String cast = column.equals("occurred_at") ? "::timestamptz"
                    : column.equals("tags") || column.equals("labels") ? "::jsonb" : "";
            append(columns, column);
            append(selected, "r." + column + cast);
            append(arrays, "unnest(?::text[]) AS " + column);
        }
        for (String column : longColumns) {
            append(columns, column);
            append(selected, "r." + column);
            append(arrays, "unnest(?::bigint[]) AS " + column);
        }
        return "WITH written AS (INSERT INTO attribution.cost_ledger (" + columns + ") SELECT " + selected
                + " FROM (SELECT " + arrays + ") AS r"
                + " ON CONFLICT (tenant_id, event_id, entry_kind) DO NOTHING RETURNING " + RollupSql.writtenColumns() + ")"
                + RollupSql.addWritten()
                + " SELECT tenant_id, event_id FROM written";
    }

    private static void append(StringBuilder list, String item) {
        list.append(list.length() == 0 ? "" : ", ").append(item);
    }

    static void bind(PreparedStatement insert, List<AttributedCost> rows) throws SQLException {
        int size = rows.size();
        String[][] text = new String[TEXT_COLUMNS.length][size];
        Long[][] longs = new Long[LONG_COLUMNS][size];
        for (int r = 0; r < size; r++) {
            CostEntry entry = rows.get(r).entry();
            Dimensions dimensions = rows.get(r).dimensions();
            String[] values = {entry.tenantId(), entry.eventId(), entry.occurredAt().toString(), entry.provider(),
                entry.model(), dimensions.team(), dimensions.feature(), dimensions.customer(), dimensions.user(),
                dimensions.environment(), TagsJson.of(dimensions.tags()),
                RawLabels.toStore(entry.labels(), dimensions).map(TagsJson::of).orElse(null), entry.traceId(),
                entry.pricingStatus().name(), entry.unpricedReason(), entry.priceId(), entry.promptPrefixHash(),
                entry.serviceTier().name()};
            for (int c = 0; c < values.length; c++) {
                text[c][r] = values[c];
            }
            int c = 0;
            longs[c++][r] = entry.costNanos();
            for (long tokens : entry.tokens().toArray()) {
                longs[c++][r] = tokens;
            }
            for (long nanos : entry.breakdown().toArray()) {
                longs[c++][r] = nanos;
            }
            longs[c++][r] = entry.promptPrefixTokens();
            // NULL when no cost was reported (a reported 0 is a value).
            longs[c++][r] = entry.reportedCostNanos().isPresent() ? entry.reportedCostNanos().getAsLong() : null;
            longs[c++][r] = entry.listCostNanos();
        }
        // Java arrays go to setObject, which sends them in PostgreSQL's binary array format: no text to escape
        // here and none to parse on the server (createArrayOf sends a text literal).
        int parameter = 1;
        for (String[] column : text) {
            insert.setObject(parameter++, column);
        }
        for (Long[] column : longs) {
            insert.setObject(parameter++, column);
        }
    }
}
