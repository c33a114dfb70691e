package io.tokenledger.budget.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DecisionPolicyTest {

    private static final long USD = 1_000_000_000L;
    private static final Window WINDOW = new Window(Instant.parse("2024-06-01T00:00:00Z"), Instant.parse("2024-06-02T00:00:00Z"));

    private static BudgetStatus status(String id, String name, long limit, long spent, List<Integer> thresholds) {
        Budget budget = new Budget(id, "t1", name, Map.of(), BudgetPeriod.DAY, ZoneId.of("UTC"), limit, thresholds,
                "e", Instant.EPOCH);
        return new BudgetStatus(budget, WINDOW, spent);
    }

    @Test
    void allowWhenBelowTheLowestThreshold() {
        // $3 + $1 = $4 = 40 % of $10 < 50 %.
        CheckOutcome outcome = DecisionPolicy.decide(List.of(status("b1", "daily", 10 * USD, 3 * USD, List.of(50, 80, 100))), USD);
        assertThat(outcome.decision()).isEqualTo(Decision.ALLOW);
        assertThat(outcome.decidingBudgetId()).isEmpty();
    }

    @Test
    void warnWhenReachingTheLowestThreshold() {
        // $4 + $1 = $5 = exactly 50 % of $10.
        CheckOutcome outcome = DecisionPolicy.decide(List.of(status("b1", "daily", 10 * USD, 4 * USD, List.of(50, 80, 100))), USD);
        assertThat(outcome.decision()).isEqualTo(Decision.WARN);
        assertThat(outcome.decidingBudgetId()).contains("b1");
        assertThat(outcome.reason()).isEqualTo("budget 'daily' would reach 50% of $10.00, past its 50% alert");
    }

    @Test
    void reachingTheLimitExactlyIsNotADenial() {
        // $9 + $1 = $10 = limit: not > limit, so WARN (past 50 %).
        CheckOutcome outcome = DecisionPolicy.decide(List.of(status("b1", "daily", 10 * USD, 9 * USD, List.of(50, 80, 100))), USD);
        assertThat(outcome.decision()).isEqualTo(Decision.WARN);
    }

    @Test
    void denyNamesTheBudgetFurthestOverItsLimit() {
        // b1: $9.50 + $0.60 = $10.10 of $10 = 101 %; b2: $49.50 + $0.60 = $50.10 of $50 = 100.2 %; b3 fine.
        long estimate = 600_000_000L;
        CheckOutcome outcome = DecisionPolicy.decide(List.of(
                status("b2", "team monthly", 50 * USD, 49_500_000_000L, List.of(80, 100)),
                status("b1", "support daily", 10 * USD, 9_500_000_000L, List.of(80, 100)),
                status("b3", "all", 1000 * USD, 0, List.of(80, 100))), estimate);
        assertThat(outcome.decision()).isEqualTo(Decision.DENY);
        assertThat(outcome.decidingBudgetId()).contains("b1");
        assertThat(outcome.reason()).isEqualTo("budget 'support daily' would reach 101% of $10.00");
        assertThat(outcome.statuses()).hasSize(3);
    }

    @Test
    void noMatchingBudgetAllows() {
        CheckOutcome outcome = DecisionPolicy.decide(List.of(), USD);
        assertThat(outcome.decision()).isEqualTo(Decision.ALLOW);
        assertThat(outcome.reason()).isEqualTo("no budget matches");
    }
}
