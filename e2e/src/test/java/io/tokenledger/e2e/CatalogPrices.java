package io.tokenledger.e2e;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads one model's list prices straight from the curated catalog file, so the test's expected costs are computed
 * independently of pricing-service's code. Prices are USD per 1M tokens; an empty cell is no price.
 */
record CatalogPrices(BigDecimal input, BigDecimal cachedInput, BigDecimal output, BigDecimal cacheWrite5m,
        BigDecimal reasoning) {

    static CatalogPrices of(Path catalogCsv, String provider, String model) throws IOException {
        List<String> lines = Files.readAllLines(catalogCsv);
        List<String> header = List.of(lines.get(0).split(",", -1));
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            if (cells[0].equals(provider) && cells[1].equals(model)) {
                return new CatalogPrices(cell(cells, header, "input"), cell(cells, header, "cached_input"),
                        cell(cells, header, "output"), cell(cells, header, "cache_write_5m"),
                        cell(cells, header, "reasoning"));
            }
        }
        throw new IllegalArgumentException("no catalog row for " + provider + "/" + model + " in " + catalogCsv);
    }

    private static BigDecimal cell(String[] cells, List<String> header, String column) {
        String value = cells[header.indexOf(column)];
        return value.isEmpty() ? null : new BigDecimal(value);
    }
}
