package io.tokenledger.budget.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * Rolling windows are counted in whole buckets: 1 minute for windows up to 24 h, 1 hour for longer ones (up to
 * 60 days), so a window never spans more than {@value #MAX_BUCKETS} + 1 buckets. The window of a call at {@code t}
 * is the bucket of {@code t} plus the {@code length / bucket} buckets before it: spend counts for at least the
 * rolling length and drops out at the first bucket boundary after that (less than one bucket later). Buckets are
 * aligned to the epoch (UTC), so rolling windows ignore the time zone.
 */
public final class RollingBuckets {

    /** The most buckets a rolling length may span. */
    public static final int MAX_BUCKETS = 1440;
    static final Duration MINUTE = Duration.ofMinutes(1);
    static final Duration HOUR = Duration.ofHours(1);
    /** The longest rolling window. */
    public static final Duration MAX_LENGTH = Duration.ofDays(60);

    private RollingBuckets() {
    }

    /** The bucket width of a rolling length. */
    public static Duration bucket(Duration length) {
        return length.compareTo(Duration.ofHours(24)) <= 0 ? MINUTE : HOUR;
    }

    /**
     * The width of the aggregate counters kept next to the buckets (an hour of minute buckets, a UTC day of hour
     * buckets), so summing a window reads its whole aggregates plus the single buckets at its two ends.
     */
    public static Duration aggregate(Duration length) {
        return bucket(length) == MINUTE ? HOUR : Duration.ofDays(1);
    }

    /** Why {@code length} is not a valid rolling length, or null when it is. */
    public static String problem(Duration length) {
        if (length.isNegative() || length.isZero()) {
            return "is required for ROLLING and must be > 0";
        }
        if (length.compareTo(MAX_LENGTH) > 0) {
            return "must be at most 60 days";
        }
        Duration bucket = bucket(length);
        if (length.toNanos() % bucket.toNanos() != 0) {
            return bucket == MINUTE ? "must be whole minutes (windows up to 24 h)" : "must be whole hours (windows over 24 h)";
        }
        return null;
    }

    /** Start of the bucket containing {@code at}. */
    public static Instant bucketStart(Duration length, Instant at) {
        long width = bucket(length).getSeconds();
        return Instant.ofEpochSecond(Math.floorDiv(at.getEpochSecond(), width) * width);
    }

    /** [bucket of at - length, end of the bucket of at): length / bucket + 1 whole buckets. */
    static Window windowAt(Duration length, Instant at) {
        Instant current = bucketStart(length, at);
        return new Window(current.minus(length), current.plus(bucket(length)));
    }

    /** The epoch-aligned span of the rolling length containing {@code at}. */
    static Window eventWindowAt(Duration length, Instant at) {
        long width = length.getSeconds();
        Instant start = Instant.ofEpochSecond(Math.floorDiv(at.getEpochSecond(), width) * width);
        return new Window(start, start.plusSeconds(width));
    }
}
