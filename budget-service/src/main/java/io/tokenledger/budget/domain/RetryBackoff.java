package io.tokenledger.budget.domain;

import java.time.Duration;

/** Exponential backoff of webhook retries: base doubling per attempt, capped, with +-20% jitter. */
public record RetryBackoff(Duration base, Duration cap) {

    /**
     * The wait after the {@code attempts}-th failed attempt (1-based).
     *
     * @param jitter a number in [0, 1) that spreads retries over +-20% of the nominal wait
     */
    public Duration delayAfter(int attempts, double jitter) {
        long capMillis = cap.toMillis();
        long nominal = base.toMillis();
        for (int i = 1; i < attempts && nominal < capMillis; i++) {
            nominal *= 2;
        }
        nominal = Math.min(nominal, capMillis);
        double factor = 0.8 + 0.4 * jitter;
        return Duration.ofMillis(Math.max(1, Math.round(nominal * factor)));
    }
}
