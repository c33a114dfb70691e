package io.tokenledger.ingest.normalize;

import io.tokenledger.api.ingest.v1.UsageEvent;
import io.tokenledger.ingest.mapping.UsageEventProtos;
import io.tokenledger.platform.error.TokenLedgerException;
import io.tokenledger.platform.error.Violations;
import java.util.ArrayList;
import java.util.List;

/**
 * The mapping hook: converts a request's events to the domain, first replacing each {@code provider_usage} by
 * the canonical {@code usage} it normalizes to, so that validation, pricing and everything after see canonical
 * classes only. Problems of every event are collected and reported together.
 */
public final class ProviderUsages {

    private ProviderUsages() {
    }

    public static List<io.tokenledger.ingest.domain.UsageEvent> toDomain(List<UsageEvent> events) {
        Violations violations = new Violations();
        List<io.tokenledger.ingest.domain.UsageEvent> domain = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            domain.add(UsageEventProtos.toDomain(canonical(events.get(i), "events[" + i + "]", violations)));
        }
        violations.throwIfAny();
        return domain;
    }

    private static UsageEvent canonical(UsageEvent event, String path, Violations violations) {
        if (event.getServiceTier() == io.tokenledger.api.pricing.v1.ServiceTier.UNRECOGNIZED) {
            violations.add(path + ".service_tier", "must be a known service tier (STANDARD, BATCH, PRIORITY, FLEX), got "
                    + event.getServiceTierValue());
        }
        // A Timestamp's nanos outside a second would be carried into the seconds silently (a different time).
        int nanos = event.getOccurredTime().getNanos();
        if (nanos < 0 || nanos > 999_999_999) {
            violations.add(path + ".occurred_time.nanos", "must be 0..999999999, got " + nanos);
        }
        if (!event.hasProviderUsage()) {
            return event;
        }
        String field = path + ".provider_usage";
        if (event.hasUsage()) {
            violations.add(field, "must not be set together with usage: set exactly one of them");
            return event;
        }
        try {
            NormalizedUsage normalized = ProviderUsageNormalizer.normalize(event.getProviderUsage().getApi(),
                    event.getProviderUsage().getUsageJson(), event.getProviderUsage().getReportedCost(), field);
            UsageEvent.Builder canonical = event.toBuilder().setUsage(UsageEventProtos.tokenUsage(normalized.usage()));
            // The event's own fields win; the provider's report fills what the event left unset.
            if (event.getServiceTierValue() == 0 && normalized.serviceTier().isPresent()) {
                canonical.setServiceTier(UsageEventProtos.serviceTier(normalized.serviceTier().get()));
            }
            if (event.getReportedCost().isEmpty() && normalized.reportedCost().isPresent()) {
                canonical.setReportedCost(normalized.reportedCost().get().toPlainString());
            }
            return canonical.build();
        } catch (TokenLedgerException.Invalid e) {
            e.violations().forEach(v -> violations.add(v.field(), v.description()));
            return event;
        }
    }
}
