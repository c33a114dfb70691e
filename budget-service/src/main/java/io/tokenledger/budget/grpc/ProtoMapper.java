package io.tokenledger.budget.grpc;

import com.google.protobuf.Timestamp;
import io.tokenledger.api.budget.v1.Budget;
import io.tokenledger.api.budget.v1.CalendarUnit;
import io.tokenledger.budget.domain.CustomCalendar;
import io.tokenledger.api.budget.v1.BudgetEvent;
import io.tokenledger.api.budget.v1.BudgetPeriod;
import io.tokenledger.api.budget.v1.BudgetStatus;
import io.tokenledger.api.budget.v1.ChargeResult;
import io.tokenledger.api.budget.v1.ChargeStatus;
import io.tokenledger.api.budget.v1.CheckBudgetResponse;
import io.tokenledger.api.budget.v1.Decision;
import io.tokenledger.api.budget.v1.SpendCharge;
import io.tokenledger.api.budget.v1.WebhookEndpoint;
import io.tokenledger.budget.domain.BudgetDraft;
import io.tokenledger.budget.domain.CheckOutcome;
import io.tokenledger.budget.domain.Enforcement;
import io.tokenledger.platform.error.TokenLedgerException;
import io.tokenledger.platform.money.ProtoMoney;
import io.tokenledger.api.budget.v1.Threshold;
import io.tokenledger.api.budget.v1.ThresholdAction;
import io.tokenledger.budget.domain.ThresholdRule;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** proto <-> domain conversions of the budget API. */
final class ProtoMapper {

    private ProtoMapper() {
    }

    static BudgetDraft fromProto(Budget budget) {
        Optional<io.tokenledger.budget.domain.BudgetPeriod> period = switch (budget.getPeriod()) {
            case BUDGET_PERIOD_HOUR -> Optional.of(io.tokenledger.budget.domain.BudgetPeriod.HOUR);
            case BUDGET_PERIOD_DAY -> Optional.of(io.tokenledger.budget.domain.BudgetPeriod.DAY);
            case BUDGET_PERIOD_WEEK -> Optional.of(io.tokenledger.budget.domain.BudgetPeriod.WEEK);
            case BUDGET_PERIOD_MONTH -> Optional.of(io.tokenledger.budget.domain.BudgetPeriod.MONTH);
            case BUDGET_PERIOD_TOTAL -> Optional.of(io.tokenledger.budget.domain.BudgetPeriod.TOTAL);
            case BUDGET_PERIOD_ROLLING -> Optional.of(io.tokenledger.budget.domain.BudgetPeriod.ROLLING);
            case BUDGET_PERIOD_CUSTOM -> Optional.of(io.tokenledger.budget.domain.BudgetPeriod.CUSTOM);
            default -> Optional.empty();
        };
        Enforcement enforcement = budget.getEnforcement() == io.tokenledger.api.budget.v1.Enforcement.ENFORCEMENT_SHADOW
                ? Enforcement.SHADOW : Enforcement.ENFORCE;
        long limit = 0;
        if (budget.hasLimit()) {
            String currency = budget.getLimit().getCurrencyCode();
            if (!currency.isEmpty() && !ProtoMoney.USD.equals(currency)) {
                throw new TokenLedgerException.Invalid("budget.limit.currency_code", "must be USD");
            }
            try {
                limit = ProtoMoney.toNanos(budget.getLimit());
            } catch (ArithmeticException e) {
                throw new TokenLedgerException.Invalid("budget.limit", "too large");
            }
        }
        List<ThresholdRule> rules = budget.getThresholdsList().stream()
                .map(t -> new ThresholdRule(t.getPercent(), t.getAction() == ThresholdAction.THRESHOLD_ACTION_DENY))
                .toList();
        Duration rolling = budget.hasRollingWindow()
                ? Duration.ofSeconds(budget.getRollingWindow().getSeconds(), budget.getRollingWindow().getNanos())
                : Duration.ZERO;
        return new BudgetDraft(budget.getTenantId(), budget.getDisplayName(), budget.getScopeMap(), period,
                budget.getTimeZone(), limit, budget.getThresholdPercentsList(), enforcement, budget.getWeekStartDay(),
                budget.getLimitTokens(), rolling, rules, budget.hasCustomCalendar()
                        ? Optional.of(calendarDraft(budget.getCustomCalendar())) : Optional.empty());
    }

    private static BudgetDraft.CalendarDraft calendarDraft(io.tokenledger.api.budget.v1.CustomCalendar calendar) {
        CustomCalendar.Unit unit = switch (calendar.getUnit()) {
            case CALENDAR_UNIT_DAYS -> CustomCalendar.Unit.DAYS;
            case CALENDAR_UNIT_MONTHS -> CustomCalendar.Unit.MONTHS;
            default -> null;
        };
        return new BudgetDraft.CalendarDraft(calendar.getAnchorDate(), calendar.getLength(), unit);
    }

    static Budget toProto(io.tokenledger.budget.domain.Budget budget) {
        Budget.Builder proto = Budget.newBuilder();
        for (int percent : budget.thresholds()) {
            proto.addThresholds(Threshold.newBuilder().setPercent(percent).setAction(budget.denyThresholds().contains(percent)
                    ? ThresholdAction.THRESHOLD_ACTION_DENY : ThresholdAction.THRESHOLD_ACTION_NOTIFY));
        }
        if (budget.rolling()) {
            proto.setRollingWindow(com.google.protobuf.Duration.newBuilder().setSeconds(budget.rollingWindow().getSeconds()));
        }
        budget.calendar().ifPresent(calendar -> proto.setCustomCalendar(io.tokenledger.api.budget.v1.CustomCalendar
                .newBuilder().setAnchorDate(calendar.anchor().toString()).setLength(calendar.length())
                .setUnit(calendar.unit() == CustomCalendar.Unit.DAYS ? CalendarUnit.CALENDAR_UNIT_DAYS
                        : CalendarUnit.CALENDAR_UNIT_MONTHS)));
        if (budget.countsTokens()) {
            proto.setLimitTokens(budget.limitTokens());
        } else {
            proto.setLimit(ProtoMoney.of(budget.limitNanos()));
        }
        return proto
                .setBudgetId(budget.id())
                .setTenantId(budget.tenantId())
                .setDisplayName(budget.displayName())
                .putAllScope(budget.scope())
                .setPeriod(toProto(budget.period()))
                .setEnforcement(budget.shadow() ? io.tokenledger.api.budget.v1.Enforcement.ENFORCEMENT_SHADOW
                        : io.tokenledger.api.budget.v1.Enforcement.ENFORCEMENT_ENFORCE)
                .setWeekStartDay(budget.weekStart().getValue())
                .setTimeZone(budget.zone().getId())
                .addAllThresholdPercents(budget.thresholds())
                .setCreateTime(timestamp(budget.createTime()))
                .setEtag(budget.etag())
                .build();
    }

    static BudgetPeriod toProto(io.tokenledger.budget.domain.BudgetPeriod period) {
        return switch (period) {
            case HOUR -> BudgetPeriod.BUDGET_PERIOD_HOUR;
            case DAY -> BudgetPeriod.BUDGET_PERIOD_DAY;
            case WEEK -> BudgetPeriod.BUDGET_PERIOD_WEEK;
            case MONTH -> BudgetPeriod.BUDGET_PERIOD_MONTH;
            case TOTAL -> BudgetPeriod.BUDGET_PERIOD_TOTAL;
            case ROLLING -> BudgetPeriod.BUDGET_PERIOD_ROLLING;
            case CUSTOM -> BudgetPeriod.BUDGET_PERIOD_CUSTOM;
        };
    }

    static BudgetStatus toProto(io.tokenledger.budget.domain.BudgetStatus status) {
        BudgetStatus.Builder proto = BudgetStatus.newBuilder()
                .setBudgetId(status.budget().id())
                .setDisplayName(status.budget().displayName())
                .setWindowStartTime(timestamp(status.window().start()))
                .setWindowEndTime(timestamp(status.window().end()));
        if (status.budget().countsTokens()) {
            // A token budget's status counts tokens: the money fields stay zero.
            return proto.setLimitTokens(status.budget().limitTokens())
                    .setSpentTokens(status.spentNanos())
                    .setReservedTokens(status.reservedNanos())
                    .build();
        }
        return proto
                .setLimit(ProtoMoney.of(status.budget().limitNanos()))
                .setSpent(ProtoMoney.of(status.spentNanos()))
                .setRemaining(ProtoMoney.of(status.remainingNanos()))
                .setSpentNanos(status.spentNanos())
                .setLimitNanos(status.budget().limitNanos())
                .setReservedNanos(status.reservedNanos())
                .build();
    }

    static CheckBudgetResponse toProto(CheckOutcome outcome) {
        CheckBudgetResponse.Builder response = CheckBudgetResponse.newBuilder()
                .setDecision(switch (outcome.decision()) {
                    case ALLOW -> Decision.DECISION_ALLOW;
                    case WARN -> Decision.DECISION_WARN;
                    case DENY -> Decision.DECISION_DENY;
                })
                .setEstimatedCostNanos(outcome.estimateNanos())
                .setEstimatedTokens(outcome.estimateTokens())
                .setDecidingBudgetId(outcome.decidingBudgetId().orElse(""))
                .setReason(outcome.reason())
                .setReservationId(outcome.reservationId().orElse(""))
                .addAllShadowDenyingBudgetIds(outcome.shadowDenials());
        outcome.reservationExpiry().ifPresent(expiry -> response.setReservationExpireTime(timestamp(expiry)));
        outcome.statuses().forEach(s -> response.addBudgets(toProto(s)));
        return response.build();
    }

    static io.tokenledger.budget.domain.SpendCharge fromProto(SpendCharge charge, Instant now) {
        Instant occurred = charge.hasOccurredTime() ? instant(charge.getOccurredTime()) : now;
        return new io.tokenledger.budget.domain.SpendCharge(charge.getEventId(), charge.getTenantId(), occurred,
                charge.getDimensionsMap(), charge.getCostNanos(), charge.getReservationId(), charge.getTotalTokens(),
                charge.getCorrection());
    }

    static ChargeResult toProto(io.tokenledger.budget.domain.ChargeResult result) {
        return ChargeResult.newBuilder()
                .setEventId(result.eventId())
                .setStatus(result.duplicate() ? ChargeStatus.CHARGE_STATUS_DUPLICATE : ChargeStatus.CHARGE_STATUS_CHARGED)
                .addAllBudgetIds(result.budgetIds())
                .build();
    }

    static BudgetEvent toProto(io.tokenledger.budget.domain.BudgetEvent event) {
        BudgetEvent.Builder proto = BudgetEvent.newBuilder();
        if (event.countsTokens()) {
            proto.setLimitTokens(event.limitNanos()).setSpentTokens(event.spentNanos());
        } else {
            proto.setLimit(ProtoMoney.of(event.limitNanos())).setSpent(ProtoMoney.of(event.spentNanos()));
        }
        return proto
                .setEventId(event.id())
                .setBudgetId(event.budgetId())
                .setTenantId(event.tenantId())
                .setDisplayName(event.displayName())
                .putAllScope(event.scope())
                .setThresholdPercent(event.thresholdPercent())
                .setWindowStartTime(timestamp(event.window().start()))
                .setWindowEndTime(timestamp(event.window().end()))
                .setCreateTime(timestamp(event.createTime()))
                .setSequence(event.sequence())
                .build();
    }

    static WebhookEndpoint toProto(io.tokenledger.budget.domain.WebhookEndpoint endpoint) {
        return WebhookEndpoint.newBuilder()
                .setEndpointId(endpoint.id())
                .setTenantId(endpoint.tenantId())
                .setUrl(endpoint.url())
                .setDescription(endpoint.description())
                .setCreateTime(timestamp(endpoint.createTime()))
                .build();
    }

    static Optional<Instant> optionalInstant(boolean present, Timestamp timestamp) {
        return present ? Optional.of(instant(timestamp)) : Optional.empty();
    }

    static Instant instant(Timestamp timestamp) {
        return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
    }

    static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }
}
