package io.tokenledger.pricing.application;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.tokenledger.pricing.domain.PricedUsage;
import io.tokenledger.pricing.domain.TokenUsage;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The price book as loaded at startup from the real PostgreSQL, and its metrics. */
@QuarkusTest
class PriceBookTest {

    private static final Instant JUNE = Instant.parse("2025-06-01T00:00:00Z");

    @Inject
    PriceBook priceBook;
    @Inject
    PriceBookReload loading;
    @Inject
    PriceStore store;
    @Inject
    CatalogSource catalog;
    @Inject
    DataSource dataSource;
    @Inject
    MeterRegistry registry;

    @Test
    void seedingTwiceAddsNothing() throws SQLException {
        store.seed(catalog.versions(), catalog.aliases());
        loading.reload();

        assertThat(count("pricing.price_version")).isEqualTo(catalog.versions().size());
        assertThat(count("pricing.model_alias")).isEqualTo(catalog.aliases().size());
        assertThat(priceBook.current().versions()).hasSize(catalog.versions().size());
    }

    @Test
    void countsPricedAndUnpricedItems() {
        double pricedBefore = counter("PRICED");
        double unpricedBefore = counter("UNPRICED");

        List<PricedUsage> results = priceBook.price(List.of(
                new UsageToPrice("a", "openai", "gpt-5-nano", JUNE, usage(100, 10)),
                new UsageToPrice("b", "openai", "gpt-9", JUNE, usage(100, 10))));

        // gpt-5-nano: 100 x 0.05/1M + 10 x 0.40/1M = 0.000005 + 0.000004 = 0.000009 USD = 9,000 nano-USD
        assertThat(results.get(0).costNanos()).isEqualTo(9_000L);
        assertThat(counter("PRICED") - pricedBefore).isEqualTo(1.0);
        assertThat(counter("UNPRICED") - unpricedBefore).isEqualTo(1.0);
    }

    private double counter(String status) {
        return registry.get("tokenledger.pricing.items").tag("status", status).counter().count();
    }

    private long count(String table) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             ResultSet rows = connection.createStatement().executeQuery("SELECT count(*) FROM " + table)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static TokenUsage usage(long input, long output) {
        return new TokenUsage(input, 0, 0, 0, output, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0);
    }
}
