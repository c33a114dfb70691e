package io.tokenledger.budget.domain;

/** A webhook delivery due now, with what is needed to post it (the secret already decrypted). */
public record PendingDelivery(long deliveryId, int attempts, BudgetEvent event, String url, String secret) {
}
