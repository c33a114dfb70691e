package io.tokenledger.pricing.domain;

import static io.tokenledger.pricing.domain.Fixtures.JUNE;
import static io.tokenledger.pricing.domain.Fixtures.SEED;
import static io.tokenledger.pricing.domain.Fixtures.prices;
import static io.tokenledger.pricing.domain.Fixtures.usage;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tenant prices beat the public price for that tenant only, from their effective date; list cost is kept. */
class TenantPriceTest {

    private static final Instant MARCH = Instant.parse("2025-03-01T00:00:00Z");
    private static final Prices GPT54 = new Prices("openai", "gpt-5.4", "chat", SEED,
            Map.of(TokenClass.INPUT, new BigDecimal("2.5"), TokenClass.CACHED_INPUT, new BigDecimal("0.25"),
                    TokenClass.OUTPUT, new BigDecimal("15")), "test",
            List.of(new RateCard(ServiceTier.PRIORITY, 0, Map.of(TokenClass.INPUT, new BigDecimal("5"),
                    TokenClass.CACHED_INPUT, new BigDecimal("0.5"), TokenClass.OUTPUT, new BigDecimal("30")))));

    private final PriceCatalog catalog = PriceCatalog.of(List.of(GPT54), List.of(), List.of(
            new TenantPrice("acme", new Prices("openai", "gpt-5.4", "", MARCH, Map.of(), "contract"), new BigDecimal("20")),
            new TenantPrice("acme", prices("openai", "ft:gpt-4o-mini:acme:custom", MARCH,
                    TokenClass.INPUT, "0.3", TokenClass.OUTPUT, "1.2"), null)));

    private final TokenUsage usage = usage().input(100_000).cached(20_000).output(5_000).reasoning(3_000).build();

    @Test
    void discountAppliesToTheTenantOnlyWithListCostBeside() {
        // list: 100,000 x 2.5 + 20,000 x 0.25 + 5,000 x 15 + 3,000 x 15 = $0.25 + $0.005 + $0.075 + $0.045 = $0.375
        // acme at 20% off: every rate x 0.8 -> 2.0 / 0.2 / 12: $0.20 + $0.004 + $0.06 + $0.036 = $0.30
        PricedUsage acme = catalog.price("acme", "openai", "gpt-5.4", JUNE, usage, ServiceTier.STANDARD);
        assertThat(acme.costNanos()).isEqualTo(300_000_000L);
        assertThat(acme.listCostNanos()).isEqualTo(375_000_000L);
        assertThat(acme.priceId()).isEqualTo("tenant:acme:openai/gpt-5.4@2025-03-01T00:00:00Z");
        assertThat(acme.breakdown().total()).isEqualTo(300_000_000L);

        PricedUsage other = catalog.price("globex", "openai", "gpt-5.4", JUNE, usage, ServiceTier.STANDARD);
        assertThat(other.costNanos()).isEqualTo(375_000_000L);
        assertThat(other.listCostNanos()).isEqualTo(375_000_000L);
        assertThat(other.priceId()).isEqualTo("openai/gpt-5.4@2025-01-01T00:00:00Z");
    }

    @Test
    void discountAlsoAppliesToTheTierRates() {
        // priority list: $0.50 + $0.01 + $0.15 + $0.09 = $0.75; 20% off = $0.60
        PricedUsage acme = catalog.price("acme", "openai", "gpt-5.4", JUNE, usage, ServiceTier.PRIORITY);
        assertThat(acme.costNanos()).isEqualTo(600_000_000L);
        assertThat(acme.listCostNanos()).isEqualTo(750_000_000L);
    }

    @Test
    void beforeItsEffectiveDateTheTenantPaysList() {
        PricedUsage february = catalog.price("acme", "openai", "gpt-5.4", Instant.parse("2025-02-01T00:00:00Z"), usage,
                ServiceTier.STANDARD);
        assertThat(february.costNanos()).isEqualTo(375_000_000L);
    }

    @Test
    void customModelExistsForItsTenantOnly() {
        // 1,000,000 x 0.3 + 100,000 x 1.2 = $0.30 + $0.12 = $0.42; no public price, so list = own cost.
        TokenUsage ft = usage().input(1_000_000).output(100_000).build();
        PricedUsage acme = catalog.price("acme", "openai", "ft:gpt-4o-mini:acme:custom", JUNE, ft, ServiceTier.STANDARD);
        assertThat(acme.costNanos()).isEqualTo(420_000_000L);
        assertThat(acme.listCostNanos()).isEqualTo(420_000_000L);
        assertThat(catalog.price("globex", "openai", "ft:gpt-4o-mini:acme:custom", JUNE, ft, ServiceTier.STANDARD)
                .unpricedReason()).isEqualTo("unknown model openai/ft:gpt-4o-mini:acme:custom");
    }
}
