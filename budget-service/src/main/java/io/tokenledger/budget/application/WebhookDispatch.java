package io.tokenledger.budget.application;

import io.quarkus.scheduler.Scheduled;
import io.tokenledger.budget.config.BudgetConfig;
import io.tokenledger.budget.domain.PendingDelivery;
import io.tokenledger.budget.domain.RetryBackoff;
import io.tokenledger.budget.domain.WebhookSignature;
import io.tokenledger.budget.persistence.WebhookDeliveryRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.logging.Logger;

/**
 * Works off the webhook outbox: posts each due delivery signed Standard-Webhooks style, marks 2xx DELIVERED and
 * retries anything else with exponential backoff until {@code give-up-after} past the event.
 */
@ApplicationScoped
public class WebhookDispatch {

    /** How long a claimed delivery is hidden from other workers while it is being posted. */
    private static final Duration LEASE = Duration.ofSeconds(60);
    private static final int MAX_ERROR_CHARS = 500;
    private static final Logger LOG = Logger.getLogger(WebhookDispatch.class);

    private final WebhookDeliveryRepository deliveries;
    private final Clock clock;
    private final RetryBackoff backoff;
    private final Duration giveUpAfter;
    private final Duration timeout;
    private final int batchSize;
    private final HttpClient http;

    public WebhookDispatch(WebhookDeliveryRepository deliveries, Clock clock, BudgetConfig config) {
        this.deliveries = deliveries;
        this.clock = clock;
        this.backoff = new RetryBackoff(config.webhook().backoffBase(), config.webhook().backoffCap());
        this.giveUpAfter = config.webhook().giveUpAfter();
        this.timeout = config.webhook().timeout();
        this.batchSize = config.webhook().batchSize();
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, identity = "webhook-dispatch")
    void scheduled() {
        try {
            deliverDue();
        } catch (RuntimeException e) {
            LOG.warnf("Webhook dispatch run failed: %s", e.getMessage());
        }
    }

    /** Posts every due delivery once (concurrently); returns how many were attempted. */
    public int deliverDue() {
        List<PendingDelivery> due = deliveries.claimDue(clock.instant(), LEASE, batchSize);
        List<CompletableFuture<Void>> inFlight = new ArrayList<>(due.size());
        for (PendingDelivery delivery : due) {
            inFlight.add(post(delivery));
        }
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).join();
        return due.size();
    }

    private CompletableFuture<Void> post(PendingDelivery delivery) {
        String body = WebhookPayload.of(delivery.event());
        long timestamp = clock.instant().getEpochSecond();
        String messageId = delivery.event().id();
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(delivery.url()))
                    .timeout(timeout)
                    .header("content-type", "application/json")
                    .header("user-agent", "TokenLedger-Webhooks/1")
                    .header("webhook-id", messageId)
                    .header("webhook-timestamp", Long.toString(timestamp))
                    .header("webhook-signature", WebhookSignature.sign(delivery.secret(), messageId, timestamp, body))
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
        } catch (RuntimeException e) {
            record(delivery, Optional.empty(), "cannot build request: " + e.getMessage());
            return CompletableFuture.completedFuture(null);
        }
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .handle((response, failure) -> {
                    if (failure != null) {
                        record(delivery, Optional.empty(), failure.getClass().getSimpleName() + ": " + failure.getMessage());
                    } else if (response.statusCode() / 100 == 2) {
                        deliveries.recordAttempt(delivery.deliveryId(), clock.instant(), Optional.of(response.statusCode()),
                                Optional.empty(), true, Optional.empty());
                    } else {
                        record(delivery, Optional.of(response.statusCode()), "HTTP " + response.statusCode());
                    }
                    return null;
                });
    }

    private void record(PendingDelivery delivery, Optional<Integer> status, String error) {
        Instant now = clock.instant();
        int attempts = delivery.attempts() + 1;
        Instant next = now.plus(backoff.delayAfter(attempts, ThreadLocalRandom.current().nextDouble()));
        boolean giveUp = next.isAfter(delivery.event().createTime().plus(giveUpAfter));
        String trimmed = error.length() > MAX_ERROR_CHARS ? error.substring(0, MAX_ERROR_CHARS) : error;
        LOG.infof("Webhook %s to endpoint of tenant %s failed (attempt %d): %s%s", delivery.event().id(),
                delivery.event().tenantId(), attempts, trimmed, giveUp ? "; giving up" : "");
        deliveries.recordAttempt(delivery.deliveryId(), now, status, Optional.of(trimmed), false,
                giveUp ? Optional.empty() : Optional.of(next));
    }
}
