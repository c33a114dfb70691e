package io.tokenledger.budget.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.tokenledger.api.budget.v1.Budget;
import io.tokenledger.api.budget.v1.BudgetPeriod;
import io.tokenledger.api.budget.v1.BudgetServiceGrpc;
import io.tokenledger.api.budget.v1.CalendarUnit;
import io.tokenledger.api.budget.v1.CustomCalendar;
import io.tokenledger.api.budget.v1.ChargeSpendRequest;
import io.tokenledger.api.budget.v1.CheckBudgetRequest;
import io.tokenledger.api.budget.v1.CheckBudgetResponse;
import io.tokenledger.api.budget.v1.CreateBudgetRequest;
import io.tokenledger.api.budget.v1.Decision;
import io.tokenledger.api.budget.v1.SpendCharge;
import io.tokenledger.platform.money.ProtoMoney;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Calendar windows reset exactly at the local boundary through the real keys (future dates, so the counters are
 * not already expired): a 23-hour DST day in New York, a Sunday-start week in Sydney and fiscal months in Tokyo.
 */
@QuarkusTest
class CalendarResetTest {

    static final long USD = 1_000_000_000L;

    @GrpcClient("budget")
    BudgetServiceGrpc.BudgetServiceBlockingStub budgets;

    @Inject
    RedisDataSource redis;

    final String tenant = "cal-" + UUID.randomUUID();

    @AfterEach
    void cleanRedis() {
        TestRedis.deleteTenantKeys(redis, tenant);
    }

    @Test
    void aNewYorkDayBudgetResetsAtLocalMidnightAfterTheSpringForwardDay() {
        create(BudgetPeriod.BUDGET_PERIOD_DAY, "America/New_York", 0, "ny");
        // 2027-03-14 is the spring-forward Sunday: local midnight to midnight is 05:00Z to 04:00Z next day (23 h).
        Instant lastNano = Instant.parse("2027-03-15T03:59:59.999999999Z");
        Instant midnight = Instant.parse("2027-03-15T04:00:00Z");
        charge("ny-1", 900_000_000L, "ny", lastNano);
        // $0.90 + $0.20 > $1.00 in the last nanosecond of the day...
        CheckBudgetResponse late = check(200_000_000L, "ny", lastNano);
        assertThat(late.getDecision()).isEqualTo(Decision.DECISION_DENY);
        assertThat(Duration.between(Instant.ofEpochSecond(late.getBudgets(0).getWindowStartTime().getSeconds()),
                Instant.ofEpochSecond(late.getBudgets(0).getWindowEndTime().getSeconds()))).isEqualTo(Duration.ofHours(23));
        // ...and a fresh $1.00 at local midnight.
        CheckBudgetResponse next = check(200_000_000L, "ny", midnight);
        assertThat(next.getDecision()).isEqualTo(Decision.DECISION_ALLOW);
        assertThat(next.getBudgets(0).getSpentNanos()).isZero();
        assertThat(next.getBudgets(0).getWindowStartTime().getSeconds()).isEqualTo(midnight.getEpochSecond());
    }

    @Test
    void aSydneySundayWeekResetsAtSundayMidnightLocal() {
        create(BudgetPeriod.BUDGET_PERIOD_WEEK, "Australia/Sydney", 7, "syd");
        // Sunday 2027-06-13 00:00 in Sydney (AEST, +10:00) = 2027-06-12T14:00Z.
        Instant sundayMidnight = Instant.parse("2027-06-12T14:00:00Z");
        charge("syd-1", 900_000_000L, "syd", sundayMidnight.minusNanos(1));
        assertThat(check(200_000_000L, "syd", sundayMidnight.minusNanos(1)).getDecision()).isEqualTo(Decision.DECISION_DENY);
        CheckBudgetResponse next = check(200_000_000L, "syd", sundayMidnight);
        assertThat(next.getDecision()).isEqualTo(Decision.DECISION_ALLOW);
        // The new week is Sunday 00:00 to the next Sunday 00:00 local: 7 x 24 h (no DST change in June).
        assertThat(next.getBudgets(0).getWindowStartTime().getSeconds()).isEqualTo(sundayMidnight.getEpochSecond());
        assertThat(next.getBudgets(0).getWindowEndTime().getSeconds())
                .isEqualTo(sundayMidnight.plus(Duration.ofDays(7)).getEpochSecond());
    }

    @Test
    void aFiscalMonthBudgetResetsOnTheFifteenthAndRejectsABadCalendar() {
        // Fiscal months from the 15th in Tokyo (+09:00, no DST): 2027-07-15 00:00 local = 2027-07-14T15:00Z.
        Budget fiscal = budgets.createBudget(CreateBudgetRequest.newBuilder().setBudget(Budget.newBuilder()
                .setTenantId(tenant).setDisplayName("fiscal").putScope("feature", "fy").setPeriod(BudgetPeriod.BUDGET_PERIOD_CUSTOM)
                .setTimeZone("Asia/Tokyo").setLimit(ProtoMoney.of(USD)).setCustomCalendar(CustomCalendar.newBuilder()
                        .setAnchorDate("2027-01-15").setLength(1).setUnit(CalendarUnit.CALENDAR_UNIT_MONTHS))).build()).getBudget();
        assertThat(fiscal.getCustomCalendar().getAnchorDate()).isEqualTo("2027-01-15");
        Instant newMonth = Instant.parse("2027-07-14T15:00:00Z");
        charge("fy-1", 900_000_000L, "fy", newMonth.minusNanos(1));
        CheckBudgetResponse late = check(200_000_000L, "fy", newMonth.minusNanos(1));
        assertThat(late.getDecision()).isEqualTo(Decision.DECISION_DENY);
        // June 15 .. July 15 local: 30 days.
        assertThat(late.getBudgets(0).getWindowStartTime().getSeconds())
                .isEqualTo(Instant.parse("2027-06-14T15:00:00Z").getEpochSecond());
        CheckBudgetResponse next = check(200_000_000L, "fy", newMonth);
        assertThat(next.getDecision()).isEqualTo(Decision.DECISION_ALLOW);
        assertThat(next.getBudgets(0).getSpentNanos()).isZero();
        assertThat(next.getBudgets(0).getWindowEndTime().getSeconds())
                .isEqualTo(Instant.parse("2027-08-14T15:00:00Z").getEpochSecond());

        StatusRuntimeException bad = assertThrows(StatusRuntimeException.class, () -> budgets.createBudget(
                CreateBudgetRequest.newBuilder().setBudget(Budget.newBuilder().setTenantId(tenant).setDisplayName("bad")
                        .setPeriod(BudgetPeriod.BUDGET_PERIOD_CUSTOM).setLimit(ProtoMoney.of(USD))
                        .setCustomCalendar(CustomCalendar.newBuilder().setAnchorDate("2027-02-30").setLength(0)
                                .setUnit(CalendarUnit.CALENDAR_UNIT_DAYS))).build()));
        assertThat(BudgetServiceTest.fields(bad)).containsExactlyInAnyOrder("budget.custom_calendar.anchor_date",
                "budget.custom_calendar.length");
        StatusRuntimeException missing = assertThrows(StatusRuntimeException.class, () -> budgets.createBudget(
                CreateBudgetRequest.newBuilder().setBudget(Budget.newBuilder().setTenantId(tenant).setDisplayName("none")
                        .setPeriod(BudgetPeriod.BUDGET_PERIOD_CUSTOM).setLimit(ProtoMoney.of(USD))).build()));
        assertThat(BudgetServiceTest.fields(missing)).containsExactly("budget.custom_calendar");
    }

    private void create(BudgetPeriod period, String zone, int weekStart, String feature) {
        budgets.createBudget(CreateBudgetRequest.newBuilder().setBudget(Budget.newBuilder().setTenantId(tenant)
                .setDisplayName(feature).putScope("feature", feature).setPeriod(period).setTimeZone(zone)
                .setWeekStartDay(weekStart).setLimit(ProtoMoney.of(USD))).build());
    }

    private void charge(String eventId, long cost, String feature, Instant at) {
        budgets.chargeSpend(ChargeSpendRequest.newBuilder().addCharges(SpendCharge.newBuilder().setEventId(eventId)
                .setTenantId(tenant).setOccurredTime(BudgetServiceTest.ts(at)).putDimensions("feature", feature)
                .setCostNanos(cost)).build());
    }

    private CheckBudgetResponse check(long estimate, String feature, Instant at) {
        return budgets.checkBudget(CheckBudgetRequest.newBuilder().setTenantId(tenant).putDimensions("feature", feature)
                .setEstimatedCostNanos(estimate).setTime(BudgetServiceTest.ts(at)).build());
    }
}
