package io.tokenledger.attribution.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Puts direct cost and allocated shared cost side by side per dimension value. Every item is split in full with
 * {@link LargestRemainder}, so the allocations of an item add up to its amount to the nano-USD; an item whose
 * basis has no positive weight goes whole to {@link Dimensions#UNATTRIBUTED}, never dropped.
 */
public final class CostAllocation {

    /** An item to split: its amount and the weight of each value (direct cost for usage share). */
    public record ItemToSplit(String itemId, String name, long amountNanos, Map<String, Long> basis) {
    }

    /** One value: direct cost, the share of each item (non-zero only), and the total. */
    public record Row(String value, long directNanos, SortedMap<String, Long> allocations) {

        public long allocatedNanos() {
            return allocations.values().stream().mapToLong(Long::longValue).sum();
        }

        public long totalNanos() {
            return directNanos + allocatedNanos();
        }
    }

    /** Rows by total descending then value; the items as split. */
    public record Report(List<Row> rows, List<ItemToSplit> items) {

        public long directNanos() {
            return rows.stream().mapToLong(Row::directNanos).sum();
        }

        public long allocatedNanos() {
            return rows.stream().mapToLong(Row::allocatedNanos).sum();
        }
    }

    private CostAllocation() {
    }

    public static Report allocate(Map<String, Long> direct, List<ItemToSplit> items) {
        Map<String, SortedMap<String, Long>> shares = new HashMap<>();
        for (ItemToSplit item : items) {
            Map<String, Long> basis = item.basis();
            if (basis.values().stream().noneMatch(weight -> weight > 0)) {
                basis = Map.of(Dimensions.UNATTRIBUTED, 1L);
            }
            // A negative amount (a job's correction in the period, its original before it) is split as its opposite.
            long sign = item.amountNanos() < 0 ? -1 : 1;
            LargestRemainder.split(sign * item.amountNanos(), basis).forEach((value, part) -> {
                if (part != 0) {
                    shares.computeIfAbsent(value, v -> new TreeMap<>()).put(item.itemId(), sign * part);
                }
            });
        }
        Map<String, Row> rows = new TreeMap<>();
        direct.forEach((value, nanos) -> rows.put(value, new Row(value, nanos,
                shares.getOrDefault(value, new TreeMap<>()))));
        shares.forEach((value, parts) -> rows.putIfAbsent(value, new Row(value, 0, parts)));
        List<Row> ordered = new ArrayList<>(rows.values());
        ordered.sort(Comparator.comparingLong((Row row) -> -row.totalNanos()).thenComparing(Row::value));
        return new Report(List.copyOf(ordered), List.copyOf(items));
    }
}
