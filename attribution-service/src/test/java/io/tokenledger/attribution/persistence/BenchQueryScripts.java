package io.tokenledger.attribution.persistence;

import io.tokenledger.attribution.domain.CostQuery;
import io.tokenledger.attribution.domain.Granularity;
import io.tokenledger.attribution.domain.RollupPlan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Used by bench/query.sh: writes the EXACT statements QueryCost runs for "cost by feature by day" (rollup path
 * and ledger-scan path, rows query then total query) as pgbench scripts whose bound parameters become pgbench
 * variables, so pgbench -M prepared sends them as parameters the way JDBC does.
 * Arguments: tenant, start, end (ISO instants), output directory.
 */
public final class BenchQueryScripts {

    private BenchQueryScripts() {
    }

    public static void main(String[] args) throws IOException {
        CostQuery query = CostQuery.parse(args[0], Optional.of(Instant.parse(args[1])),
                Optional.of(Instant.parse(args[2])), List.of("feature"), Map.of(), Granularity.DAY, "UTC", 0,
                Instant.now());
        RollupPlan plan = RollupPlan.of(query).orElseThrow();
        Path dir = Path.of(args[3]);
        StringBuilder defines = new StringBuilder();
        write(dir.resolve("rollup.sql"), defines, "r", RollupQuerySql.rows(query, plan),
                RollupQuerySql.total(query, plan));
        write(dir.resolve("scan.sql"), defines, "s", CostQuerySql.rows(query), CostQuerySql.total(query));
        Files.writeString(dir.resolve("defines"), defines.toString());
    }

    private static void write(Path file, StringBuilder defines, String prefix, SqlStatement rows, SqlStatement total)
            throws IOException {
        Files.writeString(file, statement(defines, prefix + "r", rows) + ";\n" + statement(defines, prefix + "t", total)
                + ";\n");
    }

    private static String statement(StringBuilder defines, String prefix, SqlStatement statement) {
        StringBuilder sql = new StringBuilder();
        int parameter = 0;
        for (char c : statement.sql().toCharArray()) {
            if (c == '?') {
                Object value = statement.params().get(parameter++);
                String name = prefix + parameter;
                sql.append(':').append(name);
                String text = value instanceof OffsetDateTime ? value.toString() : String.valueOf(value);
                defines.append(" -D ").append(name).append('=').append(text);
            } else {
                sql.append(c);
            }
        }
        return sql.toString();
    }
}
