package io.tokenledger.pricing.persistence;

import io.tokenledger.pricing.application.CatalogSource;
import io.tokenledger.pricing.domain.ModelAlias;
import io.tokenledger.pricing.domain.Prices;
import io.tokenledger.pricing.domain.RateCard;
import io.tokenledger.pricing.domain.ServiceTier;
import io.tokenledger.pricing.domain.TokenClass;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code catalog/prices.csv}, its versions' other rate cards ({@code catalog/rate_cards.csv}: service tiers
 * and long-context rates) and {@code catalog/aliases.csv} from the classpath.
 * The files are curated (see tools/gen_catalog.py): plain comma-separated values, no quoting,
 * a header row naming the columns.
 */
@ApplicationScoped
public class ClasspathCatalog implements CatalogSource {

    static final String PRICES = "catalog/prices.csv";
    static final String RATE_CARDS = "catalog/rate_cards.csv";
    static final String ALIASES = "catalog/aliases.csv";

    @Override
    public List<Prices> versions() {
        Map<String, List<RateCard>> cards = new HashMap<>();
        for (Map<String, String> row : read(RATE_CARDS)) {
            cards.computeIfAbsent(versionOf(row), k -> new ArrayList<>()).add(new RateCard(
                    ServiceTier.valueOf(row.get("service_tier")), Long.parseLong(row.get("above_prompt_tokens")),
                    rates(row)));
        }
        List<Prices> versions = new ArrayList<>();
        for (Map<String, String> row : read(PRICES)) {
            versions.add(new Prices(row.get("provider"), row.get("model"), row.get("mode"),
                    Instant.parse(row.get("effective_from")), rates(row), row.get("source"),
                    cards.remove(versionOf(row))));
        }
        if (!cards.isEmpty()) {
            // A card of no version would be dropped silently: fail instead, the file is ours.
            throw new IllegalStateException(RATE_CARDS + " has cards for versions not in " + PRICES + ": "
                    + cards.keySet());
        }
        return versions;
    }

    private static String versionOf(Map<String, String> row) {
        return row.get("provider") + "/" + row.get("model") + "@" + row.get("effective_from");
    }

    private static Map<TokenClass, BigDecimal> rates(Map<String, String> row) {
        Map<TokenClass, BigDecimal> perMillion = new EnumMap<>(TokenClass.class);
        for (TokenClass tokenClass : TokenClass.values()) {
            String value = row.getOrDefault(tokenClass.label(), "");
            if (!value.isEmpty()) {
                perMillion.put(tokenClass, new BigDecimal(value));
            }
        }
        return perMillion;
    }

    @Override
    public List<ModelAlias> aliases() {
        return read(ALIASES).stream()
                .map(row -> new ModelAlias(row.get("provider"), row.get("alias"), row.get("model")))
                .toList();
    }

    private static List<Map<String, String>> read(String resource) {
        InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("catalog resource missing: " + resource);
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            List<String> header = Arrays.asList(reader.readLine().split(",", -1));
            List<Map<String, String>> rows = new ArrayList<>();
            int lineNumber = 1;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split(",", -1);
                if (cells.length != header.size() || line.indexOf('"') >= 0) {
                    throw new IllegalStateException(resource + " line " + lineNumber + ": expected "
                            + header.size() + " unquoted cells, found " + cells.length);
                }
                Map<String, String> row = new HashMap<>();
                for (int i = 0; i < cells.length; i++) {
                    row.put(header.get(i), cells[i].trim());
                }
                rows.add(row);
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
