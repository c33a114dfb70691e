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

class BudgetUpdateTest {

    private static final long USD = 1_000_000_000L;

    private static Budget stored(long limitNanos, long limitTokens) {
        return new BudgetDraft("t1", "daily", Map.of("team", "support"), Optional.of(BudgetPeriod.DAY), "Europe/Berlin",
                limitNanos, List.of(50, 100), Enforcement.ENFORCE, 0, limitTokens, Duration.ZERO,
                List.of(new ThresholdRule(90, true))).toBudget("b1", "v1", Instant.EPOCH);
    }

    private static BudgetDraft patch(String name, long limitNanos, long limitTokens, List<ThresholdRule> rules) {
        return new BudgetDraft("", name, Map.of("team", "other"), Optional.of(BudgetPeriod.MONTH), "UTC", limitNanos,
                List.of(), Enforcement.SHADOW, 3, limitTokens, Duration.ZERO, rules);
    }

    @Test
    void onlyTheMaskedFieldsChange() {
        Budget updated = BudgetUpdate.apply(stored(10 * USD, 0), patch("renamed", 20 * USD, 0, List.of()),
                List.of("display_name", "limit")).toBudget("b1", "v2", Instant.EPOCH);
        assertThat(updated.displayName()).isEqualTo("renamed");
        assertThat(updated.limitNanos()).isEqualTo(20 * USD);
        // Not masked: scope, period, zone, enforcement and the thresholds (90 % DENY included) stay.
        assertThat(updated.scope()).containsExactlyEntriesOf(Map.of("team", "support"));
        assertThat(updated.period()).isEqualTo(BudgetPeriod.DAY);
        assertThat(updated.zone().getId()).isEqualTo("Europe/Berlin");
        assertThat(updated.enforcement()).isEqualTo(Enforcement.ENFORCE);
        assertThat(updated.thresholds()).containsExactly(50, 90, 100);
        assertThat(updated.denyThresholds()).containsExactly(90);
    }

    @Test
    void thresholdsAreReplacedAsAWhole() {
        Budget updated = BudgetUpdate.apply(stored(10 * USD, 0),
                patch("", 0, 0, List.of(new ThresholdRule(80, true), new ThresholdRule(100, false))),
                List.of("thresholds", "enforcement")).toBudget("b1", "v2", Instant.EPOCH);
        assertThat(updated.thresholds()).containsExactly(80, 100);
        assertThat(updated.denyThresholds()).containsExactly(80);
        assertThat(updated.enforcement()).isEqualTo(Enforcement.SHADOW);
        // $10 x 80 % = $8: the deny cap.
        assertThat(updated.denyCap()).isEqualTo(8 * USD);
    }

    @Test
    void fieldsThatDefineWhatWasCountedAreRejectedByPath() {
        TokenLedgerException.Invalid invalid = catchThrowableOfType(TokenLedgerException.Invalid.class,
                () -> BudgetUpdate.apply(stored(10 * USD, 0), patch("", 0, 0, List.of()),
                        List.of("display_name", "period", "scope.team", "time_zone", "limit_tokens", "colour")));
        assertThat(invalid.violations()).extracting(FieldViolation::field).containsExactly(
                "update_mask.paths[1]", "update_mask.paths[2]", "update_mask.paths[3]", "update_mask.paths[4]",
                "update_mask.paths[5]");
        assertThat(invalid.violations().get(0).description()).contains("'period' cannot change");
        assertThat(invalid.violations().get(3).description()).contains("counted unit would change");
    }

    @Test
    void anEmptyMaskIsRejected() {
        TokenLedgerException.Invalid invalid = catchThrowableOfType(TokenLedgerException.Invalid.class,
                () -> BudgetUpdate.apply(stored(10 * USD, 0), patch("", 0, 0, List.of()), List.of()));
        assertThat(invalid.violations()).extracting(FieldViolation::field).containsExactly("update_mask");
    }

    @Test
    void aTokenBudgetChangesItsTokenLimitOnly() {
        Budget updated = BudgetUpdate.apply(stored(0, 1_000), patch("", 0, 5_000, List.of()), List.of("limit_tokens"))
                .toBudget("b1", "v2", Instant.EPOCH);
        assertThat(updated.limitTokens()).isEqualTo(5_000);
        assertThat(updated.countsTokens()).isTrue();
        assertThat(catchThrowableOfType(TokenLedgerException.Invalid.class,
                () -> BudgetUpdate.apply(stored(0, 1_000), patch("", USD, 0, List.of()), List.of("limit")))
                .violations()).extracting(FieldViolation::field).containsExactly("update_mask.paths[0]");
    }
}
