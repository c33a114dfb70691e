package io.tokenledger.pricing.application;

import io.tokenledger.pricing.domain.TokenUsage;
import java.time.Instant;

/** One item to price: a usage of a reported model at a time. */
public record UsageToPrice(String itemId, String provider, String model, Instant occurredAt, TokenUsage usage) {
}
