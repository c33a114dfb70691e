package io.tokenledger.attribution.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Spreads a charge's list cost over its token class rows. The ledger keeps one list cost per event, not one per
 * class (pricing answers a single list amount), so a class row's list cost is its billed cost plus a share of the
 * charge's difference list - billed, in proportion to the rows' |billed cost| (to their |quantity| when every row
 * costs 0, e.g. a $0 tenant price), split by {@link LargestRemainder} so that the rows add up to the charge's list
 * cost exactly. When list and billed are equal (no tenant price), each row's list cost is its billed cost; under a
 * tenant price that discounts every class alike, each row gets its own list cost up to the rounding of the split.
 */
public final class ListCostSplit {

    private ListCostSplit() {
    }

    /** The rows of one charge with their list costs; {@code listCostNanos} is the charge's whole list cost. */
    public static List<ExportRow> apply(List<ExportRow> charge, long listCostNanos) {
        long billed = 0;
        for (ExportRow row : charge) {
            billed = Math.addExact(billed, row.costNanos());
        }
        long difference = Math.subtractExact(listCostNanos, billed);
        List<ExportRow> rows = new ArrayList<>(charge.size());
        if (difference == 0 || charge.isEmpty()) {
            charge.forEach(row -> rows.add(row.withListCost(row.costNanos())));
            return rows;
        }
        boolean byCost = charge.stream().anyMatch(row -> row.costNanos() != 0);
        Map<String, Long> weights = new TreeMap<>();
        for (ExportRow row : charge) {
            weights.put(row.tokenClass().tag(), Math.absExact(byCost ? row.costNanos() : row.quantity()));
        }
        Map<String, Long> shares = LargestRemainder.split(Math.absExact(difference), weights);
        for (ExportRow row : charge) {
            long share = shares.get(row.tokenClass().tag());
            rows.add(row.withListCost(row.costNanos() + (difference < 0 ? -share : share)));
        }
        return rows;
    }
}
