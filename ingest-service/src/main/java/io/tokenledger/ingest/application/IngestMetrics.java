package io.tokenledger.ingest.application;

import io.micrometer.core.instrument.MeterRegistry;
import io.tokenledger.ingest.domain.EventResult;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Counts answered events: {@code tokenledger.ingest.events{status, pricing_status}}. */
@ApplicationScoped
public class IngestMetrics {

    static final String EVENTS = "tokenledger.ingest.events";
    static final String DRAINED = "tokenledger.ingest.drained";

    private final MeterRegistry registry;

    public IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void count(List<EventResult> results) {
        // Summed per tag pair first: one meter lookup per pair and batch instead of one per event.
        Map<String, Integer> counts = new HashMap<>();
        for (EventResult result : results) {
            String pricing = result.outcome().map(o -> o.pricingStatus().name()).orElse("NONE");
            counts.merge(result.status().name() + "/" + pricing, 1, Integer::sum);
        }
        counts.forEach((tags, n) -> {
            int slash = tags.indexOf('/');
            registry.counter(EVENTS, "status", tags.substring(0, slash), "pricing_status", tags.substring(slash + 1))
                    .increment(n);
        });
    }

    /** Events completed (or retried) by the drainer; counted apart, as they were answered QUEUED before. */
    public void drained(int completed, int retried) {
        registry.counter(DRAINED, "outcome", "RECORDED").increment(completed);
        registry.counter(DRAINED, "outcome", "RETRY").increment(retried);
    }
}
