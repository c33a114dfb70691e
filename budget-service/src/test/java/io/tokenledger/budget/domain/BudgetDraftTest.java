package io.tokenledger.budget.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tokenledger.platform.error.FieldViolation;
import io.tokenledger.platform.error.TokenLedgerException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BudgetDraftTest {

    @Test
    void defaultsZoneAndThresholds() {
        Budget budget = new BudgetDraft("t1", "daily", Map.of("team", "support"), Optional.of(BudgetPeriod.DAY), "",
                5_000_000_000L, List.of()).toBudget("bud_1", "e", Instant.EPOCH);
        assertThat(budget.zone().getId()).isEqualTo("UTC");
        assertThat(budget.thresholds()).containsExactly(80, 100);
    }

    @Test
    void sortsAndDedupesThresholds() {
        Budget budget = new BudgetDraft("t1", "d", Map.of(), Optional.of(BudgetPeriod.MONTH), "Europe/Berlin",
                1, List.of(100, 50, 80, 50)).toBudget("bud_1", "e", Instant.EPOCH);
        assertThat(budget.thresholds()).containsExactly(50, 80, 100);
    }

    @Test
    void reportsEveryBadFieldWithItsPath() {
        TokenLedgerException.Invalid invalid = catchThrowableOfType(TokenLedgerException.Invalid.class,
                () -> new BudgetDraft("t1", "d", Map.of("foo", "x"), Optional.empty(), "Mars/Olympus", 0, List.of(0, 50, 1001))
                        .toBudget("bud_1", "e", Instant.EPOCH));
        assertThat(invalid.violations()).extracting(FieldViolation::field).containsExactlyInAnyOrder(
                "budget.limit", "budget.period", "budget.time_zone", "budget.threshold_percents[0]",
                "budget.threshold_percents[2]", "budget.scope[foo]");
    }
}
