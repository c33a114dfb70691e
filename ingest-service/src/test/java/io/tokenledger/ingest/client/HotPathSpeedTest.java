package io.tokenledger.ingest.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import io.tokenledger.api.common.v1.CostBreakdown;
import io.tokenledger.api.common.v1.TokenUsage;
import io.tokenledger.api.ingest.v1.UsageEvent;
import io.tokenledger.api.pricing.v1.PricedItem;
import io.tokenledger.ingest.domain.EventValidation;
import io.tokenledger.ingest.domain.IngestLimits;
import io.tokenledger.ingest.domain.PricedEvent;
import io.tokenledger.ingest.domain.SpendCharge;
import io.tokenledger.ingest.mapping.UsageEventProtos;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * CPU time ingest spends per event on its own (no I/O): request events to the domain, validation, the inbox payload,
 * the three downstream requests and pricing's answer back. Prints the figure; asserts only that the work is right.
 */
class HotPathSpeedTest {

    @Test
    void one_thousand_event_batches() {
        Instant now = Instant.parse("2026-06-01T12:00:00Z");
        List<UsageEvent> request = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            request.add(UsageEvent.newBuilder().setEventId("evt-" + i).setTenantId("acme")
                    .setOccurredTime(Timestamp.newBuilder().setSeconds(now.getEpochSecond() - 60))
                    .setProvider("openai").setModel("gpt-5-mini")
                    .setUsage(TokenUsage.newBuilder().setInputTokens(4_808).setCachedInputTokens(1_024)
                            .setOutputTokens(1_200))
                    .putLabels("team", "search").putLabels("feature", "answers").putLabels("customer", "globex")
                    .putLabels("environment", "prod").setTraceId("trace-" + i).build());
        }
        PricedItem answer = PricedItem.newBuilder().setCostNanos(7_208_000).setPriceId("p-1")
                .setBreakdown(CostBreakdown.newBuilder().setInputNanos(4_808_000).setOutputNanos(2_400_000))
                .setResolvedProvider("openai").setResolvedModel("gpt-5-mini-2025-08-07").build();
        EventValidation validation = new EventValidation(IngestLimits.defaults());
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        long bytes = 0;
        long[] best = new long[6];
        java.util.Arrays.fill(best, Long.MAX_VALUE);
        for (int round = 0; round < 100; round++) {
            long[] t = new long[7];
            t[0] = cpu.getCurrentThreadCpuTime();
            List<io.tokenledger.ingest.domain.UsageEvent> events = request.stream().map(UsageEventProtos::toDomain)
                    .toList();
            t[1] = cpu.getCurrentThreadCpuTime();
            validation.validate(events, now);
            t[2] = cpu.getCurrentThreadCpuTime();
            for (io.tokenledger.ingest.domain.UsageEvent event : events) {
                bytes += UsageEventProtos.toBytes(event).length;
            }
            t[3] = cpu.getCurrentThreadCpuTime();
            bytes += DownstreamProtos.priceRequest(events).toByteArray().length;
            List<PricedEvent> priced = new ArrayList<>();
            for (int i = 0; i < events.size(); i++) {
                priced.add(DownstreamProtos.priced(answer));
            }
            t[4] = cpu.getCurrentThreadCpuTime();
            bytes += DownstreamProtos.recordRequest(events, priced).toByteArray().length;
            t[5] = cpu.getCurrentThreadCpuTime();
            List<SpendCharge> charges = new ArrayList<>();
            for (int i = 0; i < events.size(); i++) {
                charges.add(SpendCharge.of(events.get(i), priced.get(i), Map.of("team", "search")));
            }
            bytes += DownstreamProtos.chargeRequest(charges).toByteArray().length;
            t[6] = cpu.getCurrentThreadCpuTime();
            for (int i = 0; i < 6; i++) {
                best[i] = Math.min(best[i], t[i + 1] - t[i]);
            }
        }
        long total = java.util.Arrays.stream(best).sum();
        // Per 1,000 events, so ms per batch = us per event.
        System.out.printf("ingest hot path (no I/O): %.2f us/event CPU = toDomain %.2f + validate %.2f + payload %.2f"
                + " + pricing %.2f + attribution %.2f + budget %.2f%n", total / 1e6, best[0] / 1e6, best[1] / 1e6,
                best[2] / 1e6, best[3] / 1e6, best[4] / 1e6, best[5] / 1e6);
        assertThat(bytes).isPositive();
    }
}
