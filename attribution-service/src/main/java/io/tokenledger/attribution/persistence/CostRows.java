package io.tokenledger.attribution.persistence;

import io.tokenledger.attribution.domain.Amounts;
import io.tokenledger.attribution.domain.CostPart;
import io.tokenledger.attribution.domain.CostQuery;
import io.tokenledger.attribution.domain.CostRow;
import io.tokenledger.attribution.domain.CostTotals;
import io.tokenledger.attribution.domain.Granularity;
import io.tokenledger.attribution.domain.TokenClass;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads the result rows of {@link CostQuerySql} into domain values. */
final class CostRows {

    private static final int TOKEN_CLASSES = TokenClass.values().length;
    private static final int COST_PARTS = CostPart.values().length;

    private CostRows() {
    }

    static CostRow read(ResultSet result, CostQuery query) throws SQLException {
        List<String> values = new ArrayList<>(query.groupBy().size());
        int column = 1;
        for (int i = 0; i < query.groupBy().size(); i++) {
            values.add(result.getString(column++));
        }
        Optional<Instant> bucket = Optional.empty();
        if (query.granularity() != Granularity.TOTAL) {
            bucket = Optional.of(result.getObject(column++, OffsetDateTime.class).toInstant());
        }
        return new CostRow(values, bucket, totals(result, column));
    }

    /** The columns of {@link CostQuerySql#SUMS}, starting at {@code column}. */
    static CostTotals totals(ResultSet result, int column) throws SQLException {
        long cost = result.getLong(column++);
        long[] tokens = new long[TOKEN_CLASSES];
        for (int i = 0; i < TOKEN_CLASSES; i++) {
            tokens[i] = result.getLong(column++);
        }
        long[] parts = new long[COST_PARTS];
        for (int i = 0; i < COST_PARTS; i++) {
            parts[i] = result.getLong(column++);
        }
        long events = result.getLong(column++);
        long unpriced = result.getLong(column);
        return new CostTotals(cost, Amounts.of(TokenClass.class, tokens), Amounts.of(CostPart.class, parts),
                events, unpriced);
    }
}
