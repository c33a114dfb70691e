package io.tokenledger.budget.domain;

import java.time.Instant;

/** A URL that receives a tenant's signed budget events. The secret never travels with it. */
public record WebhookEndpoint(String id, String tenantId, String url, String description, Instant createTime) {
}
