package io.tokenledger.budget.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tokenledger.platform.error.FieldViolation;
import io.tokenledger.platform.error.TokenLedgerException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** DENY threshold actions and token budgets in the pre-flight policy, and how drafts validate them. */
class ThresholdActionAndTokenPolicyTest {

    private static final long USD = 1_000_000_000L;
    private static final Window WINDOW = new Window(Instant.parse("2024-06-01T00:00:00Z"), Instant.parse("2024-06-02T00:00:00Z"));

    private static Budget budget(String id, long limitNanos, long limitTokens, List<ThresholdRule> rules) {
        return new BudgetDraft("t1", id, Map.of(), Optional.of(BudgetPeriod.DAY), "UTC", limitNanos, List.of(50),
                Enforcement.ENFORCE, 0, limitTokens, Duration.ZERO, rules).toBudget(id, "e", Instant.EPOCH);
    }

    @Test
    void aNinetyPercentDenyThresholdDeniesCallsThatWouldCrossIt() {
        Budget budget = budget("b1", 10 * USD, 0, List.of(new ThresholdRule(90, true), new ThresholdRule(100, false)));
        // Cap = $10 x 90 % = $9.00. $8 spent + $1 = $9 reaches it exactly: admitted (WARN, past 50 %).
        assertThat(budget.denyCap()).isEqualTo(9 * USD);
        assertThat(DecisionPolicy.decide(List.of(new BudgetStatus(budget, WINDOW, 8 * USD)), USD).decision())
                .isEqualTo(Decision.WARN);
        // $8 + $1.000000001 = $9.000000001 > $9: denied, and the reason names the DENY threshold.
        CheckOutcome denied = DecisionPolicy.decide(List.of(new BudgetStatus(budget, WINDOW, 8 * USD)), USD + 1);
        assertThat(denied.decision()).isEqualTo(Decision.DENY);
        assertThat(denied.reason()).isEqualTo("budget 'b1' would reach 90% of $10.00, past its 90% DENY threshold"
                + " (spent $8.00, reserved $0.00, resets 2024-06-02T00:00:00Z)");
    }

    @Test
    void theDenyCapRoundsDownToWholeUnits() {
        // 333 tokens x 90 % = 299.7: 299 is within, 300 is past 90 % (300 x 100 = 30000 > 333 x 90 = 29970).
        Budget budget = budget("b1", 0, 333, List.of(new ThresholdRule(90, true)));
        assertThat(budget.denyCap()).isEqualTo(299);
        assertThat(Thresholds.reached(90, 333, 300)).isTrue();
        assertThat(Thresholds.reached(90, 333, 299)).isFalse();
    }

    @Test
    void tokenBudgetsAreCheckedInTokensAndUsdBudgetsInCost() {
        Budget tokens = budget("tokens", 0, 1_000, List.of());
        Budget usd = budget("usd", 10 * USD, 0, List.of());
        // Tokens: 600 + 500 = 1100 > 1000 -> DENY; the USD budget sees $1 of $10: fine.
        CheckOutcome outcome = DecisionPolicy.decide(List.of(new BudgetStatus(usd, WINDOW, 0),
                new BudgetStatus(tokens, WINDOW, 600)), USD, 500);
        assertThat(outcome.decision()).isEqualTo(Decision.DENY);
        assertThat(outcome.decidingBudgetId()).contains("tokens");
        assertThat(outcome.reason()).isEqualTo("budget 'tokens' would reach 110% of 1000 tokens"
                + " (spent 600 tokens, reserved 0 tokens, resets 2024-06-02T00:00:00Z)");
        // 600 + 400 = 1000 = the limit: admitted.
        assertThat(DecisionPolicy.decide(List.of(new BudgetStatus(tokens, WINDOW, 600)), 50 * USD, 400).decision())
                .isEqualTo(Decision.WARN);
    }

    @Test
    void draftsRejectTwoLimitsDenyAboveOneHundredAndBadRollingLengths() {
        TokenLedgerException.Invalid both = catchThrowableOfType(TokenLedgerException.Invalid.class,
                () -> new BudgetDraft("t1", "x", Map.of(), Optional.of(BudgetPeriod.DAY), "UTC", USD, List.of(),
                        Enforcement.ENFORCE, 0, 10, Duration.ZERO, List.of(new ThresholdRule(120, true)))
                        .toBudget("b", "e", Instant.EPOCH));
        assertThat(both.violations()).extracting(FieldViolation::field)
                .containsExactly("budget.limit_tokens", "budget.thresholds[0].action");
        TokenLedgerException.Invalid rolling = catchThrowableOfType(TokenLedgerException.Invalid.class,
                () -> new BudgetDraft("t1", "x", Map.of(), Optional.of(BudgetPeriod.ROLLING), "UTC", USD, List.of(),
                        Enforcement.ENFORCE, 0, 0, Duration.ofSeconds(90), List.of()).toBudget("b", "e", Instant.EPOCH));
        assertThat(rolling.violations()).extracting(FieldViolation::field).containsExactly("budget.rolling_window");
        TokenLedgerException.Invalid notRolling = catchThrowableOfType(TokenLedgerException.Invalid.class,
                () -> new BudgetDraft("t1", "x", Map.of(), Optional.of(BudgetPeriod.DAY), "UTC", USD, List.of(),
                        Enforcement.ENFORCE, 0, 0, Duration.ofHours(1), List.of()).toBudget("b", "e", Instant.EPOCH));
        assertThat(notRolling.violations()).extracting(FieldViolation::field).containsExactly("budget.rolling_window");
        TokenLedgerException.Invalid none = catchThrowableOfType(TokenLedgerException.Invalid.class,
                () -> new BudgetDraft("t1", "x", Map.of(), Optional.of(BudgetPeriod.DAY), "UTC", 0, List.of(),
                        Enforcement.ENFORCE, 0, 0, Duration.ZERO, List.of()).toBudget("b", "e", Instant.EPOCH));
        assertThat(none.violations()).extracting(FieldViolation::field).containsExactly("budget.limit");
    }

    @Test
    void legacyThresholdPercentsAndActionsMerge() {
        Budget budget = new BudgetDraft("t1", "x", Map.of(), Optional.of(BudgetPeriod.DAY), "UTC", USD, List.of(50, 90, 100),
                Enforcement.ENFORCE, 0, 0, Duration.ZERO, List.of(new ThresholdRule(90, true), new ThresholdRule(75, false)))
                .toBudget("b", "e", Instant.EPOCH);
        assertThat(budget.thresholds()).containsExactly(50, 75, 90, 100);
        assertThat(budget.denyThresholds()).containsExactly(90);
    }
}
