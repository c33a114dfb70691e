package io.tokenledger.budget.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings budget-service reads in code; see application.properties for the env vars behind them. */
@ConfigMapping(prefix = "tokenledger.budget")
public interface BudgetConfig {

    /** How long a tenant's cached budget list may be used before it is reloaded from PostgreSQL. */
    @WithDefault("5s")
    Duration cacheRefresh();

    /** How long a CheckBudget reservation holds its estimate unless settled by a ChargeSpend first. */
    @WithDefault("5m")
    Duration reservationTtl();

    /** How often queued reservations and settles are written to PostgreSQL (read by ReservationJournal's schedule). */
    @WithDefault("100ms")
    Duration reservationFlush();

    /** How long a priced CheckBudget estimate (per tenant, provider, model and usage shape) is reused. */
    @WithDefault("30s")
    Duration priceCacheTtl();

    /** Webhook delivery. */
    Webhook webhook();

    interface Webhook {

        /** Base64 of the 32-byte AES-256-GCM key that encrypts endpoint secrets at rest. */
        String encryptionKey();

        /** The wait after the first failed attempt; doubles per attempt. */
        @WithDefault("1s")
        Duration backoffBase();

        /** The longest wait between attempts. */
        @WithDefault("1h")
        Duration backoffCap();

        /** How long after the event deliveries are retried before they are given up. */
        @WithDefault("24h")
        Duration giveUpAfter();

        /** Connect and request timeout of one POST. */
        @WithDefault("5s")
        Duration timeout();

        /** Deliveries claimed per worker run. */
        @WithDefault("100")
        int batchSize();
    }
}
