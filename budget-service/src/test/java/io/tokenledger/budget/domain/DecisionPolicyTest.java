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
        assertThat(outcome.reason()).isEqualTo("budget 'support daily' would reach 101% of $10.00 (spent $9.50, reserved $0.00, resets 2024-06-02T00:00:00Z)");
        assertThat(outcome.statuses()).hasSize(3);
    }

    @Test
    void noMatchingBudgetAllows() {
        CheckOutcome outcome = DecisionPolicy.decide(List.of(), USD);
        assertThat(outcome.decision()).isEqualTo(Decision.ALLOW);
        assertThat(outcome.reason()).isEqualTo("no budget matches");
    }

    @Test
    void reservationsCountAndShadowBudgetsNeverDeny() {
        Budget shadow = new Budget("s1", "t1", "shadow", Map.of(), BudgetPeriod.DAY, ZoneId.of("UTC"), USD, List.of(80, 100),
                "e", Instant.EPOCH, Enforcement.SHADOW, java.time.DayOfWeek.MONDAY);
        Budget enforced = new Budget("b1", "t1", "enforced", Map.of(), BudgetPeriod.DAY, ZoneId.of("UTC"), 10 * USD,
                List.of(80, 100), "e", Instant.EPOCH);
        // shadow: $0.50 spent + $0.40 reserved + $0.20 = $1.10 > $1: would deny, but only records it.
        // enforced: $6 spent + $1.90 reserved + $0.20 = $8.10 = 81 % >= 80 %: WARN.
        CheckOutcome outcome = DecisionPolicy.decide(List.of(
                new BudgetStatus(shadow, WINDOW, 500_000_000L, 400_000_000L),
                new BudgetStatus(enforced, WINDOW, 6 * USD, 1_900_000_000L)), 200_000_000L);
        assertThat(outcome.decision()).isEqualTo(Decision.WARN);
        assertThat(outcome.decidingBudgetId()).contains("b1");
        assertThat(outcome.shadowDenials()).containsExactly("s1");
        // $2.00 more on the enforced budget: $6 + $1.90 + $2.20 = $10.10 > $10: DENY (101 %).
        CheckOutcome deny = DecisionPolicy.decide(List.of(new BudgetStatus(enforced, WINDOW, 6 * USD, 1_900_000_000L)),
                2_200_000_000L);
        assertThat(deny.decision()).isEqualTo(Decision.DENY);
        assertThat(deny.reason()).isEqualTo(
                "budget 'enforced' would reach 101% of $10.00 (spent $6.00, reserved $1.90, resets 2024-06-02T00:00:00Z)");
    }
}
