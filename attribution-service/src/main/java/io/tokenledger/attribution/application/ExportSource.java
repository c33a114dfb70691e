package io.tokenledger.attribution.application;

import io.tokenledger.attribution.domain.ExportQuery;
import io.tokenledger.attribution.domain.ExportRow;

import java.util.function.Predicate;

/** Where export rows come from: streamed in file order, never the whole result in memory. */
public interface ExportSource {

    /**
     * Hands every row of the export to {@code rows}, ordered by charge period, provider, model, team, feature,
     * customer, user, environment, pricing status and token class; stops early when {@code rows} returns false.
     */
    void stream(ExportQuery query, Predicate<ExportRow> rows);
}
