package io.tokenledger.attribution.domain;

import io.tokenledger.platform.error.FieldViolation;
import io.tokenledger.platform.error.TokenLedgerException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class CostBatchTest {

    @Test
    void aValidBatchPasses() {
        assertThatCode(() -> CostBatch.validate(List.of(Entries.valid("e1"), Entries.valid("e2"))))
                .doesNotThrowAnyException();
    }

    @Test
    void everyProblemIsNamedByItsFieldPath() {
        CostEntry good = Entries.valid("e0");
        CostEntry noTime = new CostEntry("e1", "acme", null, "openai", "gpt-4o", good.tokens(), good.labels(),
                PricingStatus.PRICED, "", 0, good.breakdown(), "", "", "", 0, java.util.OptionalLong.empty(), io.tokenledger.attribution.domain.ServiceTier.STANDARD, 0);
        CostEntry noId = new CostEntry(" ", "", Instant.parse("2026-01-01T00:00:00Z"), "openai", "gpt-4o",
                good.tokens(), good.labels(), PricingStatus.UNSPECIFIED, "", -5, good.breakdown(), "", "", "", 0, java.util.OptionalLong.empty(), io.tokenledger.attribution.domain.ServiceTier.STANDARD, -1);
        CostEntry negativeTokens = Entries.withTokens(Entries.valid("e3"), TokenClass.CACHE_WRITE_5M, -1);

        TokenLedgerException.Invalid invalid = catchThrowableOfType(TokenLedgerException.Invalid.class,
                () -> CostBatch.validate(List.of(good, noTime, noId, negativeTokens)));

        assertThat(invalid.violations()).extracting(FieldViolation::field).containsExactly(
                "records[1].occurred_time",
                "records[2].event_id",
                "records[2].tenant_id",
                "records[2].pricing_status",
                "records[2].cost_nanos",
                "records[2].list_cost_nanos",
                "records[3].usage.cache_write_5m_tokens");
    }

    @Test
    void timesOutsideYears1To9999AreRejected() {
        CostEntry good = Entries.valid("e0");
        CostEntry farFuture = new CostEntry("e1", "acme", Instant.parse("+10000-01-01T00:00:00Z"), "openai",
                "gpt-4o", good.tokens(), good.labels(), PricingStatus.PRICED, "", 0, good.breakdown(), "", "", "", 0, java.util.OptionalLong.empty(), io.tokenledger.attribution.domain.ServiceTier.STANDARD, 0);

        TokenLedgerException.Invalid invalid = catchThrowableOfType(TokenLedgerException.Invalid.class,
                () -> CostBatch.validate(List.of(farFuture)));

        assertThat(invalid.violations()).extracting(FieldViolation::field).containsExactly("records[0].occurred_time");
    }

    @Test
    void nulCharactersAreRejectedBecausePostgresCannotStoreThem() {
        CostEntry good = Entries.valid("e0");
        CostEntry nul = new CostEntry("e1", "acme", good.occurredAt(), "open\0ai", "gpt-4o", good.tokens(),
                java.util.Map.of("region", "e\0u"), PricingStatus.PRICED, "", 0, good.breakdown(), "", "", "", 0, java.util.OptionalLong.empty(), io.tokenledger.attribution.domain.ServiceTier.STANDARD, 0);

        TokenLedgerException.Invalid invalid = catchThrowableOfType(TokenLedgerException.Invalid.class,
                () -> CostBatch.validate(List.of(good, nul)));

        assertThat(invalid.violations()).extracting(FieldViolation::field)
                .containsExactly("records[1].provider", "records[1].labels[region]");
    }

    @Test
    void aBatchOfMoreThan10000RecordsIsRejected() {
        List<CostEntry> entries = new ArrayList<>(Collections.nCopies(10_001, Entries.valid("e")));

        TokenLedgerException.Invalid invalid = catchThrowableOfType(TokenLedgerException.Invalid.class,
                () -> CostBatch.validate(entries));

        assertThat(invalid.violations()).extracting(FieldViolation::field).containsExactly("records");
        assertThatCode(() -> CostBatch.validate(entries.subList(0, 10_000))).doesNotThrowAnyException();
    }
}
