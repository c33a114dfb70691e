package io.tokenledger.attribution.application;

import io.tokenledger.attribution.domain.CostAllocation;
import io.tokenledger.attribution.domain.Dimension;
import io.tokenledger.attribution.domain.Dimensions;
import io.tokenledger.attribution.domain.RuleValidation;
import io.tokenledger.attribution.domain.SharedCostItem;
import io.tokenledger.attribution.domain.SharedCostValidation;
import io.tokenledger.platform.error.TokenLedgerException;
import io.tokenledger.platform.error.Violations;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Shared cost items and their allocation next to direct cost. Which items a period holds: a FIXED_MONTHLY item
 * when its whole UTC month lies in [start, end); a FINE_TUNING_JOB when it has ledger rows with training tokens in
 * the period (its amount is their cost, and those rows leave the direct cost, so nothing counts twice; a row claimed
 * by two jobs belongs to the one with the smaller item id). USAGE_SHARE splits by the direct cost of the queried
 * dimension's values: in the item's month for a monthly item, in the period for a job. FIXED_WEIGHTS splits by the
 * weights when the queried dimension is the item's target dimension; otherwise the item goes whole to
 * {@code unattributed}, as does an item whose basis has no positive weight.
 */
@ApplicationScoped
public class SharedCostAllocation {

    private final SharedCosts store;
    private final Clock clock;

    public SharedCostAllocation(SharedCosts store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public SharedCostItem put(SharedCostItem item) {
        SharedCostValidation.validate(item);
        store.put(item);
        return item;
    }

    public List<SharedCostItem> list(String tenantId) {
        Violations violations = new Violations();
        RuleValidation.checkTenant(tenantId, violations);
        violations.throwIfAny();
        return store.list(tenantId);
    }

    public void delete(String tenantId, String itemId) {
        Violations violations = new Violations();
        RuleValidation.checkTenant(tenantId, violations);
        violations.check(!itemId.isBlank(), "item_id", "is required");
        violations.throwIfAny();
        if (!store.delete(tenantId, itemId)) {
            throw new TokenLedgerException.NotFound("SHARED_COST_ITEM_NOT_FOUND", "no such shared cost item");
        }
    }

    public CostAllocation.Report allocate(String tenantId, Optional<Instant> start, Optional<Instant> end,
                                          String dimensionName) {
        Violations violations = new Violations();
        RuleValidation.checkTenant(tenantId, violations);
        violations.check(start.isPresent(), "start_time", "is required");
        Instant until = end.orElse(clock.instant());
        start.ifPresent(from -> violations.check(from.isBefore(until), "end_time", "must be after start_time"));
        Optional<Dimension> parsed = Dimension.parse(dimensionName);
        violations.check(parsed.isPresent(), "dimension", "is not a dimension name");
        violations.throwIfAny();
        Instant from = start.get();
        Dimension dimension = parsed.get();

        List<SharedCostItem> items = store.list(tenantId); // by item id: the smaller id claims a shared row
        Set<String> claimed = new LinkedHashSet<>();
        Map<String, Long> jobAmounts = new HashMap<>();
        for (SharedCostItem item : items) {
            if (item.kind() == SharedCostItem.Kind.FINE_TUNING_JOB) {
                long amount = 0;
                for (Map.Entry<String, Long> row : store.fineTuneRows(item, from, until).entrySet()) {
                    if (claimed.add(row.getKey())) {
                        amount += row.getValue();
                    }
                }
                jobAmounts.put(item.itemId(), amount);
            }
        }
        Map<String, Long> direct = store.directCost(tenantId, dimension, from, until, claimed);
        Map<String, Map<String, Long>> monthlyUsage = new HashMap<>();
        List<CostAllocation.ItemToSplit> splits = new ArrayList<>();
        for (SharedCostItem item : items) {
            long amount;
            Map<String, Long> usage;
            if (item.kind() == SharedCostItem.Kind.FIXED_MONTHLY) {
                if (item.monthStart().isBefore(from) || item.monthEnd().isAfter(until)) {
                    continue;
                }
                amount = item.amountNanos();
                usage = item.basis() != SharedCostItem.Basis.USAGE_SHARE ? Map.of()
                        : monthlyUsage.computeIfAbsent(item.month(), month -> store.directCost(tenantId, dimension,
                                item.monthStart(), item.monthEnd(), claimed));
            } else {
                amount = jobAmounts.getOrDefault(item.itemId(), 0L);
                if (amount == 0) {
                    continue;
                }
                usage = direct;
            }
            splits.add(new CostAllocation.ItemToSplit(item.itemId(), item.name(), amount, basis(item, dimension,
                    usage)));
        }
        return CostAllocation.allocate(direct, splits);
    }

    private static Map<String, Long> basis(SharedCostItem item, Dimension dimension, Map<String, Long> usage) {
        if (item.basis() == SharedCostItem.Basis.USAGE_SHARE) {
            return usage;
        }
        boolean sameDimension = Dimension.parse(item.targetDimension()).filter(dimension::equals).isPresent();
        return sameDimension ? item.weights() : Map.of(Dimensions.UNATTRIBUTED, 1L);
    }
}
