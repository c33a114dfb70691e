package io.tokenledger.budget.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RollingBucketsTest {

    private static Budget rolling(Duration length) {
        return new Budget("b1", "t1", "rolling", Map.of(), BudgetPeriod.ROLLING, ZoneId.of("UTC"), 1, List.of(100), "e",
                Instant.EPOCH, Enforcement.ENFORCE, java.time.DayOfWeek.MONDAY, 0, length, List.of());
    }

    @Test
    void upTo24HoursCountsInMinutesLongerInHours() {
        assertThat(RollingBuckets.bucket(Duration.ofMinutes(30))).isEqualTo(Duration.ofMinutes(1));
        assertThat(RollingBuckets.bucket(Duration.ofHours(24))).isEqualTo(Duration.ofMinutes(1));
        assertThat(RollingBuckets.bucket(Duration.ofHours(25))).isEqualTo(Duration.ofHours(1));
        assertThat(RollingBuckets.bucket(Duration.ofDays(7))).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void lengthsMustBeWholeBucketsAndAtMostSixtyDays() {
        assertThat(RollingBuckets.problem(Duration.ofHours(24))).isNull();
        assertThat(RollingBuckets.problem(Duration.ofDays(60))).isNull();
        assertThat(RollingBuckets.problem(Duration.ofSeconds(90))).contains("whole minutes");
        assertThat(RollingBuckets.problem(Duration.ofMinutes(24 * 60 + 30))).contains("whole hours");
        assertThat(RollingBuckets.problem(Duration.ofDays(61))).contains("at most 60 days");
        assertThat(RollingBuckets.problem(Duration.ZERO)).contains("required");
    }

    @Test
    void theWindowIsTheBucketOfTheCallAndTheLengthBeforeIt() {
        // 1 h in minute buckets, call at 10:37:20: the bucket is [10:37, 10:38); the window starts 1 h before 10:37.
        Window window = rolling(Duration.ofHours(1)).windowAt(Instant.parse("2024-03-10T10:37:20Z"));
        assertThat(window.start()).isEqualTo(Instant.parse("2024-03-10T09:37:00Z"));
        assertThat(window.end()).isEqualTo(Instant.parse("2024-03-10T10:38:00Z"));
        // Spend at 09:37:59 still counts at 10:37:59 and drops out at 10:38:00 (60 min 1 s after it happened).
        assertThat(window.contains(Instant.parse("2024-03-10T09:37:59Z"))).isTrue();
        Window next = rolling(Duration.ofHours(1)).windowAt(Instant.parse("2024-03-10T10:38:00Z"));
        assertThat(next.contains(Instant.parse("2024-03-10T09:37:59Z"))).isFalse();
        assertThat(next.contains(Instant.parse("2024-03-10T09:38:00Z"))).isTrue();
    }

    @Test
    void sevenDaysCountInUtcHoursAcrossADstChange() {
        // Rolling windows ignore the zone: 7 days are 168 UTC hours even over the US spring-forward night.
        Window window = rolling(Duration.ofDays(7)).windowAt(Instant.parse("2024-03-12T05:59:59Z"));
        assertThat(window.start()).isEqualTo(Instant.parse("2024-03-05T05:00:00Z"));
        assertThat(window.end()).isEqualTo(Instant.parse("2024-03-12T06:00:00Z"));
        assertThat(Duration.between(window.start(), window.end())).isEqualTo(Duration.ofHours(169));
    }

    @Test
    void crossingsAreRecordedOncePerEpochAlignedSpanOfTheLength() {
        Budget budget = rolling(Duration.ofHours(24));
        assertThat(budget.eventWindowAt(Instant.parse("2024-03-10T23:59:59Z")))
                .isEqualTo(new Window(Instant.parse("2024-03-10T00:00:00Z"), Instant.parse("2024-03-11T00:00:00Z")));
    }
}
