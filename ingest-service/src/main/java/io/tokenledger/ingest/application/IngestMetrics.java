package io.tokenledger.ingest.application;

import io.micrometer.core.instrument.MeterRegistry;
import io.tokenledger.ingest.domain.EventResult;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

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
        for (EventResult result : results) {
            String pricing = result.outcome().map(o -> o.pricingStatus().name()).orElse("NONE");
            registry.counter(EVENTS, "status", result.status().name(), "pricing_status", pricing).increment();
        }
    }

    /** Events completed (or retried) by the drainer; counted apart, as they were answered QUEUED before. */
    public void drained(int completed, int retried) {
        registry.counter(DRAINED, "outcome", "RECORDED").increment(completed);
        registry.counter(DRAINED, "outcome", "RETRY").increment(retried);
    }
}
